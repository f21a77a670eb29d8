using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using AcuBot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Support;

/// <summary>One request the fake connector received.</summary>
public sealed record ConnectorRequest(
    string Method,
    string RawTarget,
    string? ConversationId,
    string? ActivityId,
    string? ContentType,
    string Body,
    JsonElement? Json,
    Activity? Activity)
{
    public bool IsReplyPost => Method == HttpMethods.Post && ConversationId is not null && ActivityId is not null;
}

/// <summary>How the fake connector answers POSTs for one conversation.</summary>
public sealed record ConnectorBehavior(int StatusCode = StatusCodes.Status200OK, TimeSpan Delay = default);

/// <summary>
/// A stand-in for the Bot Framework Emulator's connector, the serviceUrl the bot POSTs replies to: a
/// second Kestrel on 127.0.0.1 that records every request and answers
/// <c>POST /v3/conversations/{conversationId}/activities/{activityId}</c> with <c>200 {"id": "..."}</c>,
/// or, for a conversation a test named in <see cref="Behave"/>, with another status and/or after a delay.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectorRequest> _received = new();
    private readonly ConcurrentDictionary<string, ConnectorBehavior> _behaviors = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>The serviceUrl to put in activities, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<ConnectorRequest> Received => _received.ToArray();

    public IReadOnlyList<ConnectorRequest> ReceivedFor(string conversationId) =>
        _received.Where(r => r.ConversationId == conversationId).ToArray();

    /// <summary>Makes POSTs in <paramref name="conversationId"/> answer as described (other conversations are unaffected).</summary>
    public void Behave(string conversationId, ConnectorBehavior behavior) => _behaviors[conversationId] = behavior;

    public static async Task<FakeConnector> StartAsync()
    {
        var connector = new FakeConnector();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector._app = app;
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/');
        return connector;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var rawTarget = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var (conversationId, activityId) = ParseTarget(rawTarget.Split('?')[0]);

        JsonElement? json = null;
        Activity? activity = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
            activity = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            // recorded as it came; the test decides whether that is a failure
        }
        var request = new ConnectorRequest(http.Request.Method, rawTarget, conversationId, activityId, http.Request.ContentType, body, json, activity);
        _received.Enqueue(request);

        if (!request.IsReplyPost)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var behavior = _behaviors.GetValueOrDefault(conversationId!, new ConnectorBehavior());
        if (behavior.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(behavior.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the bot gave up waiting
            }
        }

        http.Response.StatusCode = behavior.StatusCode;
        http.Response.ContentType = "application/json";
        var answer = behavior.StatusCode is >= 200 and < 300
            ? $$"""{"id":"{{Guid.NewGuid():N}}"}"""
            : """{"error":{"code":"ServiceError","message":"The fake connector was told to fail."}}""";
        await http.Response.WriteAsync(answer, http.RequestAborted);
    }

    /// <summary>The conversation and activity ids of <c>/v3/conversations/{conversationId}/activities/{activityId}</c>, decoded once from the raw target.</summary>
    private static (string? ConversationId, string? ActivityId) ParseTarget(string path)
    {
        var segments = path.Split('/');
        // "", "v3", "conversations", "{conversationId}", "activities", "{activityId}"
        if (segments.Length == 6 && segments[0] == "" && segments[1] == "v3" && segments[2] == "conversations" && segments[4] == "activities" &&
            segments[3].Length > 0 && segments[5].Length > 0)
            return (Uri.UnescapeDataString(segments[3]), Uri.UnescapeDataString(segments[5]));
        if (segments.Length == 5 && segments[1] == "v3" && segments[2] == "conversations" && segments[4] == "activities")
            return (Uri.UnescapeDataString(segments[3]), null);
        return (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
