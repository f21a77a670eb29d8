using AcuBot.Channels;
using AcuBot.Endpoints;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AcuBot.WebChat;

/// <summary>
/// Which web sites may use the bot from a browser: its own origin, and those configured in
/// <see cref="WebChatOptions.AllowedOrigins"/>. A request without an Origin header (a server, curl) is
/// not a browser embedding and is let through to the token checks.
/// </summary>
public sealed class AllowedOrigins(IOptionsMonitor<WebChatOptions> options, ILogger<AllowedOrigins> logger)
{
    public const string CorsPolicy = "webchat";

    /// <summary>Refused origins warned about once each, up to this many (any page can send any Origin: the log stays bounded).</summary>
    public const int MaxWarnedOrigins = 100;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _warned = new(StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(HttpContext http)
    {
        var origin = http.Request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0) return true;
        return IsSameOrigin(http, origin) || IsConfigured(origin);
    }

    public bool IsConfigured(string origin) =>
        options.CurrentValue.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The one sign a clinic gets when it embeds the widget on a site it has not listed: the browser shows
    /// only a CORS error, so the bot's log names the origin and the setting to add. Once per origin.
    /// </summary>
    public void WarnRefused(string origin)
    {
        var shown = LoggedText.Of(origin) ?? "";
        if (_warned.Count >= MaxWarnedOrigins || !_warned.TryAdd(shown, true)) return;
        LogRefused(logger, shown, WebChatOptions.Section + ":AllowedOrigins", $"WebChat__AllowedOrigins__{options.CurrentValue.AllowedOrigins.Count}={shown}", null);
    }

    private static readonly Action<ILogger, string, string, string, Exception?> LogRefused =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(1401, "WebChatOriginRefused"),
            "Refused the chat widget on {Origin}: that site is not in {Setting}. To allow it, add it there (or set {Example} in the environment)");

    private static bool IsSameOrigin(HttpContext http, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
        string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(uri.Scheme, http.Request.Scheme, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Refuses (403) browser requests from origins that may not embed the bot.</summary>
public sealed class AllowedOriginFilter(AllowedOrigins origins) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!origins.IsAllowed(context.HttpContext))
        {
            origins.WarnRefused(context.HttpContext.Request.Headers[HeaderNames.Origin].ToString());
            return ErrorBodies.Error(StatusCodes.Status403Forbidden, "Forbidden", "This origin may not use the bot.");
        }
        return await next(context);
    }
}
