using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Identity.Client;

namespace AcuBot.Testing.Auth;

/// <summary>
/// A stand-in for the Microsoft identity platform's token endpoint for the botframework.com tenant,
/// served over HTTPS on loopback with a self-signed certificate. It hands out numbered access tokens
/// and records every request.
/// One file in tests/Shared, compiled into the test projects that need it.
/// </summary>
public sealed class FakeTokenAuthority : IAsyncDisposable, IMsalHttpClientFactory
{
    public const string Tenant = "botframework.com";
    public const string TokenPath = "/" + Tenant + "/oauth2/v2.0/token";

    private readonly ConcurrentQueue<string> issued = new();
    private HttpClient trustingClient = null!;
    private LoopbackServer server = null!;

    /// <summary>The certificate the endpoint serves; whatever calls it must be told to trust it.</summary>
    public LoopbackCertificate Certificate { get; } = new();

    /// <summary>Status the token endpoint answers with; 200 hands out a token.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

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
        authority.trustingClient = authority.Certificate.CreateTrustingClient();
        Assert.StartsWith("https://127.0.0.1:", authority.server.BaseUrl);
        return authority;
    }

    /// <summary>MSAL's HTTP client, for tests that hand MSAL this authority directly: it trusts this authority's certificate only.</summary>
    public HttpClient GetHttpClient() => trustingClient;

    private Task HandleAsync(HttpContext http)
    {
        if (http.Request.Path != TokenPath || !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        http.Response.ContentType = "application/json";
        if (Status != StatusCodes.Status200OK)
        {
            http.Response.StatusCode = Status;
            return http.Response.WriteAsync(new JsonObject
            {
                ["error"] = "invalid_client",
                ["error_description"] = "AADSTS7000215: Invalid client secret provided.",
                ["error_codes"] = new JsonArray(7000215),
            }.ToJsonString());
        }
        // Unguessable, so a request carrying it can only have got it from this endpoint.
        var token = $"outgoing-access-token-{issued.Count + 1}-{Guid.NewGuid():N}";
        issued.Enqueue(token);
        return http.Response.WriteAsync(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["ext_expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["access_token"] = token,
        }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        trustingClient.Dispose();
        Certificate.Dispose();
    }
}
