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

namespace AcuBot.Testing.Auth;

/// <summary>One request a <see cref="LoopbackServer"/> received (the form when it was one, otherwise the body).</summary>
public sealed record ReceivedRequest(string Method, string Path, string RawTarget, string? Authorization,
    IReadOnlyDictionary<string, string> Form, string Body);

/// <summary>
/// A Kestrel on a loopback address (port chosen by the OS) that answers with a test's handler and
/// records every request, over HTTP or, given a certificate, HTTPS. Tests never reach any other address.
/// One file in tests/Shared, compiled into the test projects that need it.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private WebApplication? app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:54321</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    public int CountOf(string path) => received.Count(r => r.Path == path);

    /// <param name="address">A loopback address to bind (127.0.0.1 unless said otherwise).</param>
    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handle, X509Certificate2? httpsCertificate = null, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address)) throw new ArgumentException("test servers listen on loopback only", nameof(address));
        var server = new LoopbackServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(address, 0, listen =>
        {
            if (httpsCertificate is not null) listen.UseHttps(httpsCertificate);
        }));
        var app = builder.Build();
        app.Run(async http =>
        {
            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            var body = "";
            if (http.Request.HasFormContentType)
            {
                foreach (var (key, value) in await http.Request.ReadFormAsync(http.RequestAborted))
                    form[key] = value.ToString();
            }
            else
            {
                using var reader = new StreamReader(http.Request.Body);
                body = await reader.ReadToEndAsync(http.RequestAborted);
            }
            server.received.Enqueue(new ReceivedRequest(http.Request.Method, http.Request.Path.Value ?? "",
                http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                http.Request.Headers.Authorization.FirstOrDefault(), form, body));
            await handle(http);
        });
        await app.StartAsync();
        server.app = app;
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        Assert.True(new Uri(server.BaseUrl).IsLoopback, "test servers listen on loopback only");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
