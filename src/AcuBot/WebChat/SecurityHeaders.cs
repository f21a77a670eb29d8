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
        // The policy names the host the request came to; a server is reached under one or two names, so the
        // last one is kept rather than the policy being written out again for every request. A reference,
        // so that concurrent requests read a whole pair or none.
        HostPolicy? last = null;
        return app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            var host = http.Request.Host.Value ?? "";
            var known = last;
            if (known is null || known.Host != host) last = known = new HostPolicy(host, ContentSecurityPolicy(host));
            headers.ContentSecurityPolicy = known.Policy;
            return next();
        });
    }

    private sealed record HostPolicy(string Host, string Policy);

    private static string ContentSecurityPolicy(string host) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; media-src 'self' blob:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
}
