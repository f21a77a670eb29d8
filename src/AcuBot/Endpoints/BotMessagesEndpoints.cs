using AcuBot.Bot;
using AcuBot.Channels;
using AcuBot.Options;
using AcuBot.Protocol.Auth;
using AcuBot.Protocol.Connector;
using AcuBot.Protocol.Http;
using AcuBot.Protocol.Schema;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AcuBot.Endpoints;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework channel endpoint (Emulator, Azure Bot Service).
/// Replies are POSTed to the activity's serviceUrl, or, with <c>deliveryMode: expectReplies</c>,
/// returned in the response body as <c>{"activities": [...]}</c>.
/// </summary>
public static class BotMessagesEndpoints
{
    public const string Path = "/api/messages";

    // EventIds 3001-3099: the Bot Framework channel endpoint (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, string, Exception?> LogRemoteCallerRefused = LoggerMessage.Define<string>(LogLevel.Warning,
        new EventId(3001, "MessagesRemoteCallerRefused"),
        "Refused /api/messages from {Address}: without BotAuthentication:MicrosoftAppId only callers on this machine are answered " +
        "(Channels:AllowUnauthenticatedRemoteCallers allows others; Channels:EnableMessagesEndpoint=false turns the endpoint off)");

    private static readonly Action<ILogger, string, int, string, Exception?> LogRequestRefused = LoggerMessage.Define<string, int, string>(LogLevel.Warning,
        new EventId(3002, "MessagesRequestRefused"), "Refused a request to {Path} with {Status}: {Reason}");

    private static readonly Action<ILogger, string, Exception?> LogTooManyFailedAuthentications = LoggerMessage.Define<string>(LogLevel.Warning,
        new EventId(3003, "MessagesTooManyInvalidCredentials"), "Refused a request from {Address}: too many invalid credentials from it");

    private static readonly Action<ILogger, string?, string?, ChannelAuthError, string?, Exception?> LogUnauthenticated =
        LoggerMessage.Define<string?, string?, ChannelAuthError, string?>(LogLevel.Warning, new EventId(3004, "MessagesUnauthenticated"),
            "Refused an unauthenticated {ActivityType} activity in conversation {ConversationId}: {Error} {Reason}");

    private static readonly Action<ILogger, string?, string, int, Exception?> LogIdTooLong = LoggerMessage.Define<string?, string, int>(LogLevel.Warning,
        new EventId(3005, "MessagesIdTooLong"), "Refused a {ActivityType} activity whose {Field} is longer than {MaxIdLength} characters");

    private static readonly Action<ILogger, string?, Exception?> LogRateLimited = LoggerMessage.Define<string?>(LogLevel.Warning,
        new EventId(3006, "MessagesRateLimited"), "Rate limit reached in conversation {ConversationId}");

    private static readonly Action<ILogger, string?, string?, int, string, Exception?> LogActivityRefused =
        LoggerMessage.Define<string?, string?, int, string>(LogLevel.Warning, new EventId(3007, "MessagesActivityRefused"),
            "Refused a {ActivityType} activity in conversation {ConversationId} with {Status}: {Reason}");

    private static readonly Action<ILogger, string?, Exception?> LogInvokeNotImplemented = LoggerMessage.Define<string?>(LogLevel.Debug,
        new EventId(3008, "MessagesInvokeNotImplemented"), "Answered 501 to an invoke activity named {Name}");

    private static readonly Action<ILogger, string?, string, Exception?> LogDeliveryFailed = LoggerMessage.Define<string?, string>(LogLevel.Error,
        new EventId(3009, "MessagesReplyNotDelivered"), "Could not deliver a reply in conversation {ConversationId}: {Reason}");

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, HandleAsync);
        return routes;
    }

    private static async Task<Results<JsonBody, Ok, ProblemHttpResult>> HandleAsync(
        HttpContext http,
        ClinicBot bot,
        ChannelTokenValidator authentication,
        ReplyFinisher finisher,
        ConnectorClient connector,
        ServiceUrlPolicy serviceUrls,
        ClientRateLimits rateLimits,
        IOptionsMonitor<LimitsOptions> limits,
        IOptionsMonitor<ChannelOptions> channels,
        IOptionsMonitor<ClinicOptions> clinic,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(BotMessagesEndpoints));
        // Unauthenticated, the caller chooses where the bot POSTs (any loopback port is on the default
        // allow-list): only the Emulator, on this machine, may, before any of the body is read.
        if (!authentication.IsEnabled && !channels.CurrentValue.AllowUnauthenticatedRemoteCallers && !LocalCaller.IsLocal(http))
        {
            LogRemoteCallerRefused(logger, LocalCaller.Describe(http), null);
            return ErrorBodies.Error(StatusCodes.Status403Forbidden, "Forbidden",
                "Without authentication this endpoint answers only callers on the bot's own machine.");
        }

        var read = await ActivityRequestReader.ReadAsync(http.Request, limits.CurrentValue.MaxRequestBodyBytes, cancellationToken);
        if (read.Activity is not { } activity)
        {
            LogRequestRefused(logger, Path, read.StatusCode, read.Error!.Error.Message, null);
            return ErrorBodies.Error(read.StatusCode, read.Error!);
        }

        // With an app id configured, only channels with a valid Bot Framework token get a turn, and the
        // serviceUrl their token names is the one replies may go to.
        string? vouchedServiceUrl = null;
        if (authentication.IsEnabled)
        {
            // An address that keeps presenting bad tokens costs no more signature checks or key fetches.
            if (rateLimits.CheckFailedAuthentications(http) is { } tooManyFailures)
            {
                LogTooManyFailedAuthentications(logger, LocalCaller.Describe(http), null);
                return tooManyFailures;
            }
            var check = await authentication.ValidateAsync(http.Request.Headers.Authorization, activity.ServiceUrl, activity.ChannelId, cancellationToken);
            if (!check.IsValid)
            {
                if (check.StatusCode != StatusCodes.Status503ServiceUnavailable) rateLimits.CountFailedAuthentication(http);
                LogUnauthenticated(logger, LoggedText.Of(activity.Type), LoggedText.Of(activity.Conversation?.Id), check.Error, LoggedText.Of(check.Reason), null);
                if (check.StatusCode == StatusCodes.Status503ServiceUnavailable)
                {
                    // The channel's signing keys could not be fetched: not the caller's fault, so ask it to retry.
                    http.Response.Headers.RetryAfter = "10";
                    return ErrorBodies.Error(check.StatusCode, "ServiceUnavailable", check.Reason ?? "Authentication is unavailable.");
                }
                return ErrorBodies.Error(check.StatusCode, "Unauthorized", check.Reason ?? "The request is not authenticated.");
            }
            vouchedServiceUrl = check.ServiceUrl;
        }

        // Before the rate limits, which keep the conversation id as a key, and the turn, which keeps it for its state.
        if (TooLongId(activity, limits.CurrentValue.MaxIdLength) is { } field)
        {
            LogIdTooLong(logger, LoggedText.Of(activity.Type), field, limits.CurrentValue.MaxIdLength, null);
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", $"'{field}' is longer than {limits.CurrentValue.MaxIdLength} characters.");
        }

        // Every activity counts, not only messages: a conversationUpdate runs a turn and sends a welcome too.
        if (rateLimits.AcquireMessage(http, activity.Conversation?.Id) is { } tooMany)
        {
            LogRateLimited(logger, LoggedText.Of(activity.Conversation?.Id), null);
            return tooMany;
        }

        var refusal = Validate(activity, limits.CurrentValue, vouchedServiceUrl is null ? serviceUrls : null);
        if (refusal is not null)
        {
            LogActivityRefused(logger, LoggedText.Of(activity.Type), LoggedText.Of(activity.Conversation?.Id), refusal.Value.Status, refusal.Value.Error.Error.Message, null);
            return ErrorBodies.Error(refusal.Value.Status, refusal.Value.Error);
        }

        // The bot answers no invoke (no cards that submit, no sign-in, no Teams actions): 501, as an SDK
        // bot's ActivityHandler answers those it does not handle, so the channel knows nothing happened.
        if (activity.IsType(ActivityTypes.Invoke))
        {
            LogInvokeNotImplemented(logger, LoggedText.Of(activity.Name), null);
            return ErrorBodies.Error(StatusCodes.Status501NotImplemented, "NotImplemented", "This bot handles no invoke activities.");
        }

        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        var collected = new CollectingReplySink();
        IReplySink sink = expectReplies ? collected : new ConnectorReplySink(connector, vouchedServiceUrl);
        var turn = new TurnContext(activity, sink, finisher);
        try
        {
            await bot.OnTurnAsync(turn, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            LogDeliveryFailed(logger, LoggedText.Of(activity.Conversation?.Id), ex.Message, null);
            return ErrorBodies.Error(StatusCodes.Status502BadGateway, "ServiceError", "The reply could not be delivered to the channel.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The patient gets the apology (POSTed, or in the expectReplies body); the channel a problem
            // body saying the turn failed, never a bare 500.
            var apologized = await TurnFailureReply.SendAsync(turn, clinic.CurrentValue, ex, logger);
            if (expectReplies && apologized)
                return JsonBody.Of(new ExpectedReplies { Activities = [.. collected.Replies] }, ProtocolJsonContext.Default.ExpectedReplies);
            return ErrorBodies.TurnFailed(http, apologized);
        }

        if (expectReplies) return JsonBody.Of(new ExpectedReplies { Activities = [.. collected.Replies] }, ProtocolJsonContext.Default.ExpectedReplies);
        return TypedResults.Ok();
    }

    /// <summary>Checks an activity can be handled before any turn runs; null when it can.</summary>
    /// <param name="serviceUrls">The allow-list, or null when a validated token vouched for the serviceUrl.</param>
    private static (int Status, ErrorResponse Error)? Validate(Activity activity, LimitsOptions limits, ServiceUrlPolicy? serviceUrls)
    {
        if (activity.Attachments?.Count > limits.MaxAttachments)
            return (StatusCodes.Status400BadRequest, ErrorResponse.Of("BadArgument", $"An activity may carry at most {limits.MaxAttachments} attachments."));

        // Only messages and conversation updates are answered; other types need nothing to reply to.
        var answered = activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.ConversationUpdate);
        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        if (!answered || expectReplies) return null;

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            return (StatusCodes.Status400BadRequest, ErrorResponse.Of("BadArgument", "The activity has no 'conversation.id' to reply to."));
        if (string.IsNullOrWhiteSpace(activity.ServiceUrl))
            return (StatusCodes.Status400BadRequest, ErrorResponse.Of("BadArgument", "The activity has no 'serviceUrl' to reply to."));
        if (serviceUrls is not null && !serviceUrls.IsAllowed(activity.ServiceUrl, out _))
            return (StatusCodes.Status403Forbidden, ErrorResponse.Of("Forbidden", "The activity's serviceUrl is not on this bot's allow-list."));
        return null;
    }

    /// <summary>The first id field longer than <paramref name="max"/>, or null when all fit.</summary>
    private static string? TooLongId(Activity activity, int max) =>
        activity.Conversation?.Id?.Length > max ? "conversation.id"
        : activity.From?.Id?.Length > max ? "from.id"
        : activity.Recipient?.Id?.Length > max ? "recipient.id"
        : activity.Id?.Length > max ? "id"
        : activity.ReplyToId?.Length > max ? "replyToId"
        : activity.Type?.Length > max ? "type"
        : null;
}
