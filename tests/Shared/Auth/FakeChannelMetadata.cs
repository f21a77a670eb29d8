using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Testing.Auth;

/// <summary>
/// The channel's OpenID metadata document and JWKS, served on loopback over plain HTTP. The published
/// keys can be swapped while it runs, as in a key rotation.
/// One file in tests/Shared, compiled into the test projects that need it.
/// </summary>
public sealed class FakeChannelMetadata : IAsyncDisposable
{
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";

    private volatile ChannelSigningKey[] published;
    private LoopbackServer server = null!;

    private FakeChannelMetadata(ChannelSigningKey[] keys) => published = keys;

    public string MetadataUrl => server.BaseUrl + MetadataPath;

    /// <summary>The issuer the metadata document names (the bot takes the issuers it trusts from its options, not from here).</summary>
    public string Issuer { get; set; } = TokenDefaults.Issuer;

    /// <summary>Every request received, whatever its path.</summary>
    public int Fetches => server.Received.Count;

    public int MetadataFetches => server.CountOf(MetadataPath);

    public int KeyFetches => server.CountOf(KeysPath);

    public void Publish(params ChannelSigningKey[] keys) => published = keys;

    public static async Task<FakeChannelMetadata> StartAsync(params ChannelSigningKey[] keys)
    {
        var metadata = new FakeChannelMetadata(keys);
        metadata.server = await LoopbackServer.StartAsync(metadata.HandleAsync);
        return metadata;
    }

    private Task HandleAsync(HttpContext http)
    {
        JsonNode body;
        switch (http.Request.Path.Value)
        {
            case MetadataPath:
                body = new JsonObject
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = "https://invalid.botframework.com",
                    ["jwks_uri"] = server.BaseUrl + KeysPath,
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
                };
                break;
            case KeysPath:
                body = new JsonObject { ["keys"] = new JsonArray([.. published.Select(k => (JsonNode?)k.ToJwk())]) };
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(body.ToJsonString());
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
