using AcuBot.Endpoints;

namespace AcuBot.Storage;

/// <summary>
/// A request that needs Redis while it is away gets a 503 problem (code <c>StoreUnavailable</c>, with
/// Retry-After) and a Warning naming the route, never the request's content, instead of a 500 with a stack.
/// Nothing is remembered of the failure: the next request tries Redis again, and succeeds once
/// StackExchange.Redis has reconnected by itself.
/// </summary>
public sealed class StoreUnavailableFilter(ILogger<StoreUnavailableFilter> logger) : IEndpointFilter
{
    /// <summary>Seconds a client is asked to wait: about the time the connection takes to come back after Redis does.</summary>
    public const int RetryAfterSeconds = 5;

    // EventIds 5101-5199: Redis (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, string, string, string, Exception?> LogUnavailable = LoggerMessage.Define<string, string, string>(LogLevel.Warning,
        new EventId(5105, "StoreUnavailable"), "{Method} {Route} answered 503: Redis cannot be reached ({Failure})");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (StoreFailures.IsUnavailable(ex) && !context.HttpContext.Response.HasStarted)
        {
            var http = context.HttpContext;
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)";
            LogUnavailable(logger, http.Request.Method, route, ex.GetType().Name, null);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ErrorBodies.StoreUnavailable(http);
        }
    }
}
