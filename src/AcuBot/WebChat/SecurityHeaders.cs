namespace AcuBot.WebChat;

/// <summary>
/// Headers that make the bot's pages and answers safer to serve: no MIME sniffing, no full URLs leaked in
/// referrers, and a content security policy that allows exactly what the widget needs (its own scripts,
/// the inline styles Web Chat inserts, images, and the bot's own HTTP and WebSocket endpoints).
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        var host = http.Request.Host.Value;
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; media-src 'self' blob:; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
        return next();
    });
}
