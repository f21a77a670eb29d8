using Microsoft.Net.Http.Headers;

namespace AcuBot.DirectLine;

/// <summary>Who is calling a Direct Line endpoint: the holder of the secret, or of a token for one conversation.</summary>
public sealed record DirectLineCaller(bool HasSecret, DirectLineGrant? Grant, string Credential)
{
    /// <summary>Whether the caller may act in <paramref name="conversationId"/>.</summary>
    public bool MayUse(string conversationId) => HasSecret || Grant?.ConversationId == conversationId;
}

public static class DirectLineAuthorization
{
    /// <summary>
    /// The caller's credential from <c>Authorization: Bearer</c> (or the stream URL's <c>t</c> parameter,
    /// since browsers cannot set headers on a WebSocket); null when missing, expired or forged.
    /// </summary>
    public static DirectLineCaller? Identify(HttpContext http, DirectLineTokens tokens, bool allowQueryToken = false)
    {
        string? credential = null;
        var header = http.Request.Headers[HeaderNames.Authorization].ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) credential = header["Bearer ".Length..].Trim();
        if (string.IsNullOrEmpty(credential) && allowQueryToken) credential = http.Request.Query["t"].ToString();
        if (string.IsNullOrEmpty(credential)) return null;

        if (tokens.IsSecret(credential)) return new DirectLineCaller(true, null, credential);
        return tokens.Validate(credential) is { } grant ? new DirectLineCaller(false, grant, credential) : null;
    }
}
