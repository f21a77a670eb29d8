using System.Net.WebSockets;
using AcuBot.Channels;
using AcuBot.Endpoints;
using AcuBot.WebChat;
using Microsoft.Extensions.Options;

namespace AcuBot.DirectLine;

/// <summary>
/// The Direct Line WebSocket stream: pushes <c>{"activities": [...], "watermark": "n"}</c> sets as
/// the conversation grows, starting after the watermark in the URL (so a reconnect neither loses nor
/// repeats activities), typing indicators as they happen (never stored), and an empty message as
/// keep-alive when the conversation is quiet. When the bot shuts down, every stream is closed with a close
/// frame (1001, going away) once the drain is over (<see cref="Extensions.ShutdownDrain"/>: the balancer
/// has stopped sending new connections here by then), so that clients reconnect cleanly, to another
/// instance, instead of seeing the connection drop (1006) when the host gives up waiting for it.
/// </summary>
public static class DirectLineStream
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    // EventIds 4001-4099: Direct Line (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, string, string, Exception?> LogStreamEnded = LoggerMessage.Define<string, string>(LogLevel.Debug,
        new EventId(4002, "DirectLineStreamEnded"), "Stream of conversation {ConversationId} ended: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> LogStoreUnavailable = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(4003, "DirectLineStreamStoreUnavailable"), "Stream of conversation {ConversationId} closed: the conversation store cannot be reached ({Failure})");

    public static async Task<IResult> RunAsync(
        string conversationId, HttpContext http, DirectLineTokens tokens, IDirectLineConversationStore store, DirectLineStreams streams,
        IOptions<DirectLineOptions> options, AllowedOrigins origins, ClientRateLimits rateLimits, Extensions.ShutdownDrain drain, ILoggerFactory loggers)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", "This URL is a WebSocket stream.");
        if (DirectLineEndpoints.Authorize(http, tokens, conversationId, out _, allowQueryToken: true) is { } refusal) return refusal;
        // Browsers do not apply CORS to WebSockets, so the origin is checked here.
        if (!origins.IsAllowed(http)) return ErrorBodies.Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin may not use the bot.");
        if (await store.FindAsync(conversationId, http.RequestAborted) is null)
            return ErrorBodies.Error(StatusCodes.Status404NotFound, "NotFound", $"There is no conversation '{conversationId}'.");
        if (drain.StreamsClosing.IsCancellationRequested)
            return ErrorBodies.Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The bot is shutting down.");

        using var permit = rateLimits.AcquireStream(http);
        if (permit is null) return ClientRateLimits.TooManyStreams();

        var watermark = DirectLineEndpoints.ParseWatermark(http.Request.Query["watermark"]);
        using var subscription = streams.Subscribe(conversationId);
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var open = Telemetry.AcuBotTelemetry.StreamOpened();
        var logger = loggers.CreateLogger(typeof(DirectLineStream));
        try
        {
            await PumpAsync(socket, conversationId, watermark, store, subscription, options.Value.KeepAliveInterval, drain.StreamsClosing, http.RequestAborted, logger);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            LogStreamEnded(logger, conversationId, ex.Message, null);
        }
        return Results.Empty;
    }

    private static async Task PumpAsync(
        WebSocket socket, string conversationId, long? watermark, IDirectLineConversationStore store, DirectLineStreams.Subscription ephemeral,
        TimeSpan keepAlive, CancellationToken stopping, CancellationToken aborted, ILogger logger)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var receiving = DrainUntilClosedAsync(socket, closed);
        var shuttingDown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stoppingRegistration = stopping.Register(() => shuttingDown.TrySetResult());
        var pending = new List<EphemeralActivity>();
        var closeStatus = WebSocketCloseStatus.NormalClosure;
        string? closeReason = null;
        while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            try
            {
                if (stopping.IsCancellationRequested)
                {
                    (closeStatus, closeReason) = (WebSocketCloseStatus.EndpointUnavailable, "The bot is restarting; reconnect.");
                    break;
                }
                if (await store.ReadAsync(conversationId, watermark, closed.Token) is not { } page) break; // the conversation was forgotten
                if (page.Count > 0) await socket.SendAsync(page.ToUtf8Json(), WebSocketMessageType.Text, true, closed.Token);
                watermark = page.Watermark;

                // A typing indicator goes out only while nothing newer has been stored: once the answer is
                // there, it would only claim the bot is typing again.
                while (ephemeral.Reader.TryRead(out var arrived)) pending.Add(arrived);
                foreach (var item in pending.Where(item => item.After == watermark).ToArray())
                    await socket.SendAsync(item.Utf8Json, WebSocketMessageType.Text, true, closed.Token);
                pending.RemoveAll(item => item.After <= watermark);

                // Ended with this round whatever finishes it: a wait on Redis re-checks until it is woken or cancelled.
                using var waiting = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                var next = store.WaitForActivitiesAsync(conversationId, watermark.Value, waiting.Token);
                var typed = ephemeral.Reader.WaitToReadAsync(closed.Token).AsTask();
                var quiet = Task.Delay(keepAlive, closed.Token);
                var finished = await Task.WhenAny(next, typed, quiet, receiving, shuttingDown.Task);
                await waiting.CancelAsync();
                if (finished == next && next.IsFaulted) await next; // the store's failure, handled below
                if (finished == receiving) break;
                if (finished == quiet && !closed.IsCancellationRequested)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, true, closed.Token);
                    // A page left open is a conversation in use, though nobody types: it must not be forgotten as idle.
                    await store.TouchAsync(conversationId, closed.Token);
                }
            }
            catch (Exception ex) when (Storage.StoreFailures.IsUnavailable(ex))
            {
                // The store (Redis) went away: a close frame, so the client reconnects (to any instance) with its
                // watermark once it is back, rather than a stream that silently stops.
                LogStoreUnavailable(logger, conversationId, ex.GetType().Name, null);
                (closeStatus, closeReason) = (WebSocketCloseStatus.InternalServerError, "The conversation store is unavailable; reconnect.");
                break;
            }
        }
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            await socket.CloseOutputAsync(closeStatus, closeReason, CancellationToken.None);
        // Cancelling the receive aborts the socket, and the close frame just sent could be lost with it
        // (the client sees 1006): give the client a moment to answer it first.
        await Task.WhenAny(receiving, Task.Delay(CloseHandshakeTimeout, aborted));
        await closed.CancelAsync();
    }

    /// <summary>
    /// Clients send nothing but pings and the close; reading is how the close is noticed. The client's close
    /// ends the pump through this task (and the socket's state), not by cancelling <paramref name="closed"/>:
    /// a send cancelled midway aborts the socket, and the client would see its connection reset instead of
    /// the close frame it asked for. Only a connection that failed cancels the pump's work at once.
    /// </summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close) return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException) { }
        await closed.CancelAsync();
    }
}
