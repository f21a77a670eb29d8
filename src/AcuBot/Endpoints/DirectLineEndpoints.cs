using System.Security.Cryptography;
using AcuBot.Bot;
using AcuBot.Channels;
using AcuBot.DirectLine;
using AcuBot.Options;
using AcuBot.Protocol.Http;
using AcuBot.Protocol.Schema;
using AcuBot.WebChat;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AcuBot.Endpoints;

/// <summary>
/// Direct Line 3.0, served by the bot itself, so Web Chat (botframework-webchat, botframework-directlinejs)
/// talks to it with no cloud service in between. Tokens, conversations, activities and the WebSocket
/// stream, under <c>/v3/directline</c>. Every message runs the same turn as <c>/api/messages</c>; replies
/// are appended to the conversation and pushed to its streams.
/// </summary>
public static class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";
    public const string ChannelId = "directline";
    public static readonly ChannelAccount BotAccount = new() { Id = "acubot", Name = "AcuBot", Role = RoleTypes.Bot };

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).AddEndpointFilter<AllowedOriginFilter>().AddEndpointFilter<Storage.StoreUnavailableFilter>()
            .RequireCors(AllowedOrigins.CorsPolicy);
        group.MapPost("/tokens/generate", GenerateToken);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.Map("/conversations/{conversationId}/stream", DirectLineStream.RunAsync);
        return routes;
    }

    /// <summary>
    /// A new conversation id and a token for it, bound to the user the body names (or a new one). Needs
    /// the secret: a token server calls this, never a page.
    /// </summary>
    private static JsonBody GenerateToken(HttpContext http, DirectLineTokens tokens, ClientRateLimits rateLimits, [FromBody] TokenRequest? request)
    {
        var identity = DirectLineAuthorization.Identify(http, tokens);
        if (identity.Caller is null) return identity.Refusal();
        if (!identity.Caller.HasSecret)
            return ErrorBodies.Error(StatusCodes.Status403Forbidden, "Forbidden", "A token cannot generate another token; the secret is required.");
        var requested = RequestedUser(request);
        if (requested is { Problem: { } problem }) return BadUser(problem);
        if (rateLimits.AcquireToken(http) is { } tooMany) return tooMany;
        var conversationId = NewConversationId();
        var userId = requested?.Id ?? UserIds.New();
        return Conversation(conversationId, tokens.Mint(conversationId, userId), tokens, streamUrl: null);
    }

    /// <summary>The same grant with a fresh expiry.</summary>
    private static JsonBody RefreshToken(HttpContext http, DirectLineTokens tokens)
    {
        var identity = DirectLineAuthorization.Identify(http, tokens);
        if (identity.Caller is null) return identity.Refusal();
        if (identity.Caller.Grant is not { } grant)
            return ErrorBodies.Error(StatusCodes.Status403Forbidden, "Forbidden", "Only a token can be refreshed.");
        return Conversation(grant.ConversationId, tokens.Mint(grant.ConversationId, grant.UserId), tokens, streamUrl: null);
    }

    /// <summary>
    /// Starts the caller's conversation (or a new one, with the secret) and welcomes the user once. The
    /// user is the token's; with the secret, the one the body names (as botframework-directlinejs sends
    /// it), else nobody in particular: the welcome is then addressed to whoever joins, not to a made-up
    /// id the client would not recognise as its own.
    /// </summary>
    private static async Task<JsonBody> StartConversationAsync(
        HttpContext http, DirectLineTokens tokens, IDirectLineConversationStore store, DirectLineTurn turn, IOptions<DirectLineOptions> options,
        ClientRateLimits rateLimits, [FromBody] TokenRequest? request, CancellationToken cancellationToken)
    {
        var identity = DirectLineAuthorization.Identify(http, tokens);
        if (identity.Caller is not { } caller) return identity.Refusal();
        string conversationId, token;
        string? userId;
        if (caller.Grant is { } grant)
        {
            // The token's user wins over what the body claims (the token was minted for them).
            (conversationId, token, userId) = (grant.ConversationId, caller.Credential, grant.UserId);
        }
        else
        {
            var requested = RequestedUser(request);
            if (requested is { Problem: { } problem }) return BadUser(problem);
            if (rateLimits.AcquireToken(http) is { } tooMany) return tooMany;
            conversationId = NewConversationId();
            userId = requested?.Id;
            token = tokens.Mint(conversationId, userId);
        }
        userId = (await store.CreateAsync(conversationId, userId ?? "", cancellationToken)).UserId;
        var started = await store.TryStartAsync(conversationId, cancellationToken);
        if (started) await turn.WelcomeAsync(conversationId, userId.Length > 0 ? userId : null, cancellationToken);

        var body = new DirectLineConversation(conversationId, token, (int)tokens.Lifetime.TotalSeconds, StreamUrl(http, options.Value, conversationId, token, watermark: null));
        return started
            ? JsonBody.Of(body, DirectLineJsonContext.Default.DirectLineConversation, statusCode: StatusCodes.Status201Created)
            : JsonBody.Of(body, DirectLineJsonContext.Default.DirectLineConversation);
    }

    /// <summary>Reconnecting: a new stream URL that resumes after the client's watermark.</summary>
    private static async Task<JsonBody> ReconnectAsync(string conversationId, [FromQuery] string? watermark, HttpContext http, DirectLineTokens tokens,
        IDirectLineConversationStore store, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        if (Authorize(http, tokens, conversationId, out var caller) is { } refusal) return refusal;
        if (await store.FindAsync(conversationId, cancellationToken) is not { } conversation) return NotFound(conversationId);
        var token = caller.HasSecret ? tokens.Mint(conversationId, NullIfEmpty(conversation.UserId)) : caller.Credential;
        return Conversation(conversationId, token, tokens, StreamUrl(http, options.Value, conversationId, token, ParseWatermark(watermark)));
    }

    private static async Task<JsonBody> PostActivityAsync(
        string conversationId, HttpContext http, DirectLineTokens tokens, IDirectLineConversationStore store, DirectLineTurn turn,
        IOptionsMonitor<LimitsOptions> limits, ClientRateLimits rateLimits, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Authorize(http, tokens, conversationId, out var caller) is { } refusal) return refusal;
        if (await store.FindAsync(conversationId, cancellationToken) is not { } conversation) return NotFound(conversationId);
        if (rateLimits.AcquireMessage(http, conversationId) is { } tooMany) return tooMany;

        var read = await ActivityRequestReader.ReadAsync(http.Request, limits.CurrentValue.MaxRequestBodyBytes, cancellationToken);
        if (read.Activity is not { } activity) return ErrorBodies.Error(read.StatusCode, read.Error!);
        if (activity.Attachments?.Count > limits.CurrentValue.MaxAttachments)
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", $"An activity may carry at most {limits.CurrentValue.MaxAttachments} attachments.");

        // The conversation's user speaks for it: a token's user id wins over what the body claims.
        var userId = caller.Grant?.UserId ?? (string.IsNullOrEmpty(activity.From?.Id) ? NullIfEmpty(conversation.UserId) : activity.From.Id);
        if (string.IsNullOrWhiteSpace(userId))
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", "The activity needs 'from.id'.");
        if (userId.Length > limits.CurrentValue.MaxIdLength)
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", $"'from.id' is longer than {limits.CurrentValue.MaxIdLength} characters.");
        if (activity.Type!.Length > IncomingActivity.MaxTypeLength)
            return ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", $"'type' is longer than {IncomingActivity.MaxTypeLength} characters.");

        // The turn reads the whole text (and says when it is too long); the transcript keeps it cut, and
        // neither keeps the rest of what the body held.
        var now = clock.GetUtcNow();
        var echo = IncomingActivity.Compact(activity, userId, conversationId, now, limits.CurrentValue.MaxMessageLength);
        var forTurn = IncomingActivity.Compact(activity, userId, conversationId, now, maxTextLength: null);
        forTurn.Id = await store.AppendAsync(conversationId, echo, cancellationToken); // the echo clients use to confirm a send
        if (forTurn.Id is null) return NotFound(conversationId); // forgotten while the body was read
        await turn.RunAsync(conversationId, forTurn, cancellationToken);
        return JsonBody.Of(new ResourceResponse { Id = forTurn.Id }, DirectLineJsonContext.Default.ResourceResponse);
    }

    // IResult: a transcript page writes itself (TranscriptPage.ToResult), the one outcome that is not a JsonBody here.
    private static async Task<IResult> GetActivitiesAsync(string conversationId, [FromQuery] string? watermark, HttpContext http, DirectLineTokens tokens,
        IDirectLineConversationStore store, ClientRateLimits rateLimits, CancellationToken cancellationToken)
    {
        if (Authorize(http, tokens, conversationId, out _) is { } refusal) return refusal;
        if (rateLimits.AcquireRead(http) is { } tooMany) return tooMany;
        return await store.ReadAsync(conversationId, ParseWatermark(watermark), cancellationToken) is { } page ? page.ToResult() : NotFound(conversationId);
    }

    /// <summary>
    /// 401 without a credential, 403 with one that expired (code TokenExpired), is not ours, or is for
    /// another conversation; null when allowed.
    /// </summary>
    internal static JsonBody? Authorize(HttpContext http, DirectLineTokens tokens, string conversationId, out DirectLineCaller caller, bool allowQueryToken = false)
    {
        var identity = DirectLineAuthorization.Identify(http, tokens, allowQueryToken);
        caller = identity.Caller!;
        if (identity.Caller is null) return identity.Refusal();
        if (!caller.MayUse(conversationId))
            return ErrorBodies.Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is not valid for this conversation.");
        return null;
    }

    internal static long? ParseWatermark(string? watermark) =>
        long.TryParse(watermark, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The user a request body names, with what is wrong with the id if anything; null when it names none.</summary>
    private static (string Id, string? Problem)? RequestedUser(TokenRequest? request) =>
        request?.User?.Id is { } id ? (id, UserIds.Problem(id)) : null;

    private static string? NullIfEmpty(string value) => value.Length > 0 ? value : null;

    private static JsonBody BadUser(string problem) => ErrorBodies.Error(StatusCodes.Status400BadRequest, "BadArgument", problem);

    internal static string NewConversationId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static string StreamUrl(HttpContext http, DirectLineOptions options, string conversationId, string token, long? watermark)
    {
        var origin = options.PublicBaseUrl.Length > 0 ? options.PublicBaseUrl.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";
        var socketOrigin = origin.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + origin[8..] : "ws://" + origin[(origin.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var url = $"{socketOrigin}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is { } w ? url + "&watermark=" + w : url;
    }

    private static JsonBody Conversation(string conversationId, string token, DirectLineTokens tokens, string? streamUrl) =>
        JsonBody.Of(new DirectLineConversation(conversationId, token, (int)tokens.Lifetime.TotalSeconds, streamUrl), DirectLineJsonContext.Default.DirectLineConversation);

    private static JsonBody NotFound(string conversationId) =>
        ErrorBodies.Error(StatusCodes.Status404NotFound, "NotFound", $"There is no conversation '{conversationId}'.");

}
