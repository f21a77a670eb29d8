using AcuBot.Channels;
using AcuBot.Endpoints;
using Microsoft.Net.Http.Headers;

namespace AcuBot.DirectLine;

/// <summary>Who is calling a Direct Line endpoint: the holder of the secret, or of a token for one conversation.</summary>
public sealed record DirectLineCaller(bool HasSecret, DirectLineGrant? Grant, string Credential)
{
    /// <summary>Whether the caller may act in <paramref name="conversationId"/>.</summary>
    public bool MayUse(string conversationId) => HasSecret || Grant?.ConversationId == conversationId;
}

/// <summary>The caller, or why there is none: no credential at all, one that expired, or one that is not ours.</summary>
public readonly record struct DirectLineIdentity(DirectLineCaller? Caller, TokenStatus Failure)
{
    /// <summary>
    /// The answer Direct Line 3.0 gives a caller without a usable credential, which botframework-directlinejs
    /// acts on: 401 when none was presented; 403 with code <c>TokenExpired</c> for an expired token (the
    /// client goes to ConnectionStatus.ExpiredToken, and Web Chat says so, until the page gives it a new
    /// token); 403 <c>BadArgument</c> for anything else presented (a 401 would stop its polling for good
    /// while it still reported itself online).
    /// </summary>
    public JsonBody Refusal() => Failure switch
    {
        TokenStatus.Expired => ErrorBodies.Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; refresh it or get a new one."),
        TokenStatus.Invalid => ErrorBodies.Error(StatusCodes.Status403Forbidden, "BadArgument", "Invalid token or secret."),
        _ => ErrorBodies.Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A Direct Line secret or token is required (Authorization: Bearer ...)."),
    };
}

public static class DirectLineAuthorization
{
    /// <summary>
    /// The caller's credential from <c>Authorization: Bearer</c> (or the stream URL's <c>t</c> parameter,
    /// since browsers cannot set headers on a WebSocket), checked.
    /// </summary>
    public static DirectLineIdentity Identify(HttpContext http, DirectLineTokens tokens, bool allowQueryToken = false)
    {
        string? credential = null;
        var header = http.Request.Headers[HeaderNames.Authorization].ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) credential = header["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(credential) && allowQueryToken) credential = http.Request.Query["t"].ToString();
        if (string.IsNullOrEmpty(credential)) return new DirectLineIdentity(null, TokenStatus.Missing);

        if (tokens.IsSecret(credential)) return new DirectLineIdentity(new DirectLineCaller(true, null, credential), TokenStatus.Valid);
        var check = tokens.Check(credential);
        return check.Grant is { } grant
            ? new DirectLineIdentity(new DirectLineCaller(false, grant, credential), TokenStatus.Valid)
            : new DirectLineIdentity(null, check.Status);
    }
}
