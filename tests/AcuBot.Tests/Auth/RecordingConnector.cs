using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Tests.Auth;

/// <summary>
/// A fake Bot Connector (the serviceUrl replies are POSTed to) on a loopback address, recording each
/// request with its Authorization header, which the shared FakeConnector does not keep.
/// </summary>
public sealed class RecordingConnector : IAsyncDisposable
{
    private LoopbackServer server = null!;

    /// <summary>The serviceUrl to put in activities and tokens, e.g. <c>http://127.0.0.2:54321</c>.</summary>
    public string ServiceUrl => server.BaseUrl;

    public IReadOnlyList<ReceivedRequest> Received => server.Received;

    public IReadOnlyList<ReceivedRequest> ReceivedFor(string conversationId) =>
        [.. Received.Where(r => ConversationIdOf(r) == conversationId)];

    public static async Task<RecordingConnector> StartAsync(IPAddress? address = null)
    {
        var connector = new RecordingConnector();
        connector.server = await LoopbackServer.StartAsync(HandleAsync, address: address);
        return connector;
    }

    /// <summary>The conversation id of <c>/v3/conversations/{id}/activities[/{replyToId}]</c>, decoded from the raw target.</summary>
    public static string? ConversationIdOf(ReceivedRequest request)
    {
        var segments = request.RawTarget.Split('?')[0].Split('/');
        return segments.Length is 5 or 6 && segments[1] == "v3" && segments[2] == "conversations" && segments[4] == "activities"
            ? Uri.UnescapeDataString(segments[3])
            : null;
    }

    public static JsonElement Json(ReceivedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    private static Task HandleAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments("/v3/conversations"))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync($$"""{"id":"{{Guid.NewGuid():N}}"}""");
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
