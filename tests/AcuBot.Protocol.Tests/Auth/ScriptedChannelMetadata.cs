using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>
/// A channel's OpenID metadata and JWKS on loopback that a test can make misbehave: the metadata can
/// fail, and a fetch can be held until the test lets it answer, so what a request does while new
/// keys are on their way is seen without timing anything.
/// </summary>
public sealed class ScriptedChannelMetadata : IAsyncDisposable
{
    public const string MetadataPath = "/metadata";
    public const string KeysPath = "/keys";

    private readonly Lock gate = new();
    private volatile ChannelSigningKey[] published;
    private readonly Dictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Release)> held = [];
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
    public (Task Arrived, TaskCompletionSource Release) HoldNextKeyFetch() => HoldNext(KeysPath);

    /// <summary>The same for the next fetch of the metadata document (it answers as <see cref="Failing"/> says by then).</summary>
    public (Task Arrived, TaskCompletionSource Release) HoldNextMetadataFetch() => HoldNext(MetadataPath);

    private (Task Arrived, TaskCompletionSource Release) HoldNext(string path)
    {
        var next = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            held[path] = next;
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
        var path = http.Request.Path.Value ?? "";
        (TaskCompletionSource Arrived, TaskCompletionSource Release)? hold = null;
        lock (gate)
        {
            if (held.Remove(path, out var h)) hold = h;
        }
        if (hold is { } waiting)
        {
            waiting.Arrived.TrySetResult();
            await waiting.Release.Task;
        }

        JsonObject body;
        if (path == MetadataPath)
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
        else if (path == KeysPath)
        {
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
