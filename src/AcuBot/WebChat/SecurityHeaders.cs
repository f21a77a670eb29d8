using AcuBot.DirectLine;
using Microsoft.Extensions.Options;

namespace AcuBot.WebChat;

/// <summary>
/// Headers that make the bot's pages and answers safer to serve: no MIME sniffing, no full URLs leaked in
/// referrers, and a content security policy that allows exactly what the widget needs (its own scripts,
/// the inline styles Web Chat inserts, images, and the bot's own HTTP and WebSocket endpoints).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // The bot's public address, when configured, is the one its WebSockets are reached at. The request's
        // Host header is the caller's to write: it is only used when nothing better is known, after Kestrel
        // has checked its syntax and host filtering (AllowedHosts) its name.
        var publicHost = PublicHost(app.ApplicationServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.PublicBaseUrl);
        var fixedPolicy = publicHost is null ? null : ContentSecurityPolicy(publicHost);

        // The policy names the host the request came to; a server is reached under one or two names, so the
        // last one is kept rather than the policy being written out again for every request. A reference,
        // so that concurrent requests read a whole pair or none.
        HostPolicy? last = null;
        return app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (fixedPolicy is not null)
            {
                headers.ContentSecurityPolicy = fixedPolicy;
                return next();
            }
            var host = http.Request.Host.Value ?? "";
            var known = last;
            if (known is null || known.Host != host) last = known = new HostPolicy(host, ContentSecurityPolicy(host));
            headers.ContentSecurityPolicy = known.Policy;
            return next();
        });
    }

    private sealed record HostPolicy(string Host, string Policy);

    /// <summary>The host[:port] of DirectLine:PublicBaseUrl, or null when it is not set (or not an absolute URL).</summary>
    private static string? PublicHost(string publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Authority : null;

    private static string ContentSecurityPolicy(string host) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; media-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
}
