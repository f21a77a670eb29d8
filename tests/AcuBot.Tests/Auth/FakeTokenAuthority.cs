using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Tests.Auth;

/// <summary>
/// A stand-in for the Microsoft identity platform's token endpoint for the botframework.com tenant,
/// served over HTTPS on loopback with a self-signed certificate. It hands out numbered access tokens
/// and records every request.
/// </summary>
public sealed class FakeTokenAuthority : IAsyncDisposable
{
    public const string Tenant = "botframework.com";
    public const string TokenPath = "/" + Tenant + "/oauth2/v2.0/token";

    private readonly ConcurrentQueue<string> issued = new();
    private LoopbackServer server = null!;

    /// <summary>The certificate the endpoint serves; the bot's MSAL client must be told to trust it.</summary>
    public LoopbackCertificate Certificate { get; } = new();

    /// <summary>The authority to configure: <c>https://127.0.0.1:port/botframework.com</c>.</summary>
    public string Authority => server.BaseUrl + "/" + Tenant;

    public string BaseUrl => server.BaseUrl;

    public IReadOnlyList<ReceivedRequest> Received => server.Received;

    public int TokenRequests => server.CountOf(TokenPath);

    /// <summary>The access tokens handed out so far, in order.</summary>
    public IReadOnlyList<string> Issued => [.. issued];

    public static async Task<FakeTokenAuthority> StartAsync()
    {
        var authority = new FakeTokenAuthority();
        authority.server = await LoopbackServer.StartAsync(authority.HandleAsync, authority.Certificate.Certificate);
        Assert.StartsWith("https://127.0.0.1:", authority.server.BaseUrl);
        return authority;
    }

    private Task HandleAsync(HttpContext http)
    {
        if (http.Request.Path != TokenPath || !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        // Unguessable, so a reply carrying it can only have got it from this endpoint.
        var token = $"outgoing-access-token-{issued.Count + 1}-{Guid.NewGuid():N}";
        issued.Enqueue(token);
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = token,
        }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Certificate.Dispose();
    }
}
