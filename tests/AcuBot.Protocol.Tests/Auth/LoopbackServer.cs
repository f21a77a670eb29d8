using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>One request a <see cref="LoopbackServer"/> received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? Authorization, IReadOnlyDictionary<string, string> Form);

/// <summary>
/// A Kestrel on 127.0.0.1 (port chosen by the OS) that answers with a test's handler and records every
/// request, over HTTP or, given a certificate, HTTPS. Tests never reach any other address.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private WebApplication? app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    public int CountOf(string path) => received.Count(r => r.Path == path);

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handle, X509Certificate2? httpsCertificate = null)
    {
        var server = new LoopbackServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (httpsCertificate is not null) listen.UseHttps(httpsCertificate);
        }));
        var app = builder.Build();
        app.Run(async http =>
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            if (http.Request.HasFormContentType)
                foreach (var (key, value) in await http.Request.ReadFormAsync(http.RequestAborted))
                    form[key] = value.ToString();
            server.received.Enqueue(new ReceivedRequest(http.Request.Method, http.Request.Path.Value ?? "",
                http.Request.Headers.Authorization.FirstOrDefault(), form));
            await handle(http);
        });
        await app.StartAsync();
        server.app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = address.TrimEnd('/');
        Assert.True(new Uri(server.BaseUrl).IsLoopback, "test servers listen on loopback only");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
