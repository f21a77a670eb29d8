using Microsoft.Net.Http.Headers;

namespace AcuBot.Protocol.Http;

/// <summary>
/// Whether a Content-Type declares JSON: exactly <c>application/json</c> or <c>application/&lt;x&gt;+json</c>.
/// Parsed, not searched: a page on any site may POST <c>text/plain; x=+json</c> without a CORS preflight,
/// and must not drive the bot by doing so. A charset parameter is ignored: JSON between systems is UTF-8
/// (RFC 8259, 8.1), and application/json defines no charset.
/// </summary>
public static class JsonMediaType
{
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return false;
        if (!parsed.Type.Equals("application", StringComparison.OrdinalIgnoreCase)) return false;
        return parsed.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) ||
               (parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase) && parsed.SubTypeWithoutSuffix.Length > 0);
    }
}
