using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>
/// A channel's OpenID metadata and JWKS on loopback that a test can make misbehave: the metadata can
/// fail, and a key fetch can be held until the test lets it answer, so what a request does while new
/// keys are on their way is seen without timing anything.
/// </summary>
public sealed class ScriptedChannelMetadata : IAsyncDisposable
{
    public const string MetadataPath = "/metadata";
    public const string KeysPath = "/keys";

    private readonly Lock gate = new();
    private volatile ChannelSigningKey[] published;
    private (TaskCompletionSource Arrived, TaskCompletionSource Release)? held;
    private readonly List<TaskCompletionSource> releases = [];
    private LoopbackServer server = null!;

    private ScriptedChannelMetadata(ChannelSigningKey[] keys) => published = keys;

    public string MetadataUrl => server.BaseUrl + MetadataPath;

    /// <summary>When set, the metadata document answers 500 (the channel is down).</summary>
    public bool Failing { get; set; }

    public int MetadataFetches => server.CountOf(MetadataPath);

    public int KeyFetches => server.CountOf(KeysPath);

    public void Publish(params ChannelSigningKey[] keys) => published = keys;

    /// <summary>
    /// Makes the next key fetch wait: <c>Arrived</c> completes when it comes in, and it answers (with the
    /// keys published by then) once <c>Release</c> is completed.
    /// </summary>
    public (Task Arrived, TaskCompletionSource Release) HoldNextKeyFetch()
    {
        var next = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            held = next;
            releases.Add(next.Item2);
        }
        return (next.Item1.Task, next.Item2);
    }

    public static async Task<ScriptedChannelMetadata> StartAsync(params ChannelSigningKey[] keys)
    {
        var metadata = new ScriptedChannelMetadata(keys);
        metadata.server = await LoopbackServer.StartAsync(metadata.HandleAsync);
        return metadata;
    }

    private async Task HandleAsync(HttpContext http)
    {
        JsonObject body;
        if (http.Request.Path == MetadataPath)
        {
            if (Failing)
            {
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            body = new JsonObject
            {
                ["issuer"] = TokenDefaults.Issuer,
                ["jwks_uri"] = server.BaseUrl + KeysPath,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            };
        }
        else if (http.Request.Path == KeysPath)
        {
            (TaskCompletionSource Arrived, TaskCompletionSource Release)? hold;
            lock (gate) (hold, held) = (held, null);
            if (hold is { } h)
            {
                h.Arrived.TrySetResult();
                await h.Release.Task;
            }
            body = new JsonObject { ["keys"] = new JsonArray([.. published.Select(k => (JsonNode?)k.ToJwk())]) };
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    public ValueTask DisposeAsync()
    {
        // A fetch still held would keep the server from stopping.
        lock (gate) foreach (var release in releases) release.TrySetResult();
        return server.DisposeAsync();
    }
}
