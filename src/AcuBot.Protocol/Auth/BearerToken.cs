namespace AcuBot.Protocol.Auth;

/// <summary>Reads the token out of an <c>Authorization: Bearer &lt;token&gt;</c> header value.</summary>
public static class BearerToken
{
    public const string Scheme = "Bearer";

    /// <summary>The token, or null when the header is missing, not the Bearer scheme, or empty.</summary>
    public static string? FromHeader(string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader)) return null;
        var value = authorizationHeader.Trim();
        // The scheme is case-insensitive (RFC 7235); the token itself is taken exactly as sent.
        if (value.Length <= Scheme.Length + 1 ||
            !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ||
            value[Scheme.Length] != ' ')
            return null;
        var token = value[(Scheme.Length + 1)..].Trim();
        // A token is one word (RFC 6750's b64token); anything with spaces in it is not one.
        return token.Length == 0 || token.Contains(' ') ? null : token;
    }
}
