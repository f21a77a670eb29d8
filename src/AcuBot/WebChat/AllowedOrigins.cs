using AcuBot.Channels;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AcuBot.WebChat;

/// <summary>
/// Which web sites may use the bot from a browser: its own origin, and those configured in
/// <see cref="WebChatOptions.AllowedOrigins"/>. A request without an Origin header (a server, curl) is
/// not a browser embedding and is let through to the token checks.
/// </summary>
public sealed class AllowedOrigins(IOptionsMonitor<WebChatOptions> options)
{
    public const string CorsPolicy = "webchat";

    public bool IsAllowed(HttpContext http)
    {
        var origin = http.Request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0) return true;
        return IsSameOrigin(http, origin) || IsConfigured(origin);
    }

    public bool IsConfigured(string origin) =>
        options.CurrentValue.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

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
            return JsonBody.Of(Protocol.Schema.ErrorResponse.Of("Forbidden", "This origin may not use the bot."),
                Protocol.Schema.ProtocolJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status403Forbidden);
        return await next(context);
    }
}
