using AcuBot.Channels;
using AcuBot.Clinic;
using AcuBot.Knowledge;
using AcuBot.Unanswered;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AcuBot.Endpoints;

/// <summary>
/// <c>/clinic</c>, the clinic's insights page: off (404) unless <c>Clinic:InsightsKey</c> is configured;
/// then a sign-in form, and with the right key the page. Wrong keys count against the address's
/// refused-authentication limit (Limits:FailedAuthenticationsPerMinutePerAddress). Never cached, never indexed.
/// </summary>
public static class ClinicEndpoints
{
    public const string Path = "/clinic";

    public static IEndpointRouteBuilder MapClinicInsights(this IEndpointRouteBuilder routes)
    {
        var logger = routes.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClinicEndpoints).FullName!);
        var key = routes.ServiceProvider.GetRequiredService<IOptions<InsightsOptions>>().Value.InsightsKey;
        if (key.Length is > 0 and < InsightsOptions.MinKeyLength)
            LogKeyTooShort(logger, InsightsOptions.MinKeyLength, null);

        routes.MapGet(Path, async Task<Results<ContentHttpResult, NotFound>> (HttpContext http, InsightsKeyGate gate, IClinicInsights insights, IUnansweredLog log, SentenceModel model,
            IOptionsMonitor<InsightsOptions> options, IOptionsMonitor<Options.ClinicOptions> clinic, CancellationToken cancellationToken) =>
        {
            if (!gate.IsEnabled) return TypedResults.NotFound();
            NoStore(http);
            if (!gate.IsSignedIn(http)) return Html(ClinicPage.SignIn(clinic.CurrentValue.Name, wrongKey: false));
            var days = Math.Clamp(options.CurrentValue.InsightsDays, 1, 366);
            var totals = insights.Read(days);
            var since = DateTimeOffset.UtcNow.Date.AddDays(1 - days);
            var groups = await UnansweredGroups.GroupAsync(log.Summarize(UnansweredGroups.MaxQuestions, new DateTimeOffset(since, TimeSpan.Zero)), model.Embedder, cancellationToken);
            return Html(ClinicPage.Render(clinic.CurrentValue.Name, totals, groups.Take(ClinicPage.MaxGroups).ToArray()));
        });
        routes.MapPost(Path, async Task<Results<ContentHttpResult, RedirectHttpResult, StatusCodeHttpResult, JsonBody, NotFound>> (HttpContext http, InsightsKeyGate gate, ClientRateLimits limits, IOptionsMonitor<Options.ClinicOptions> clinic) =>
        {
            if (!gate.IsEnabled) return TypedResults.NotFound();
            NoStore(http);
            if (limits.CheckFailedAuthentications(http) is { } tooMany) return tooMany;
            if (!http.Request.HasFormContentType) return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.ContainsKey("signout"))
            {
                gate.SignOut(http);
                return TypedResults.Redirect(Path, permanent: false, preserveMethod: false);
            }
            if (!gate.IsRightKey(form["key"].ToString()))
            {
                limits.CountFailedAuthentication(http);
                LogWrongKey(logger, http.Connection.RemoteIpAddress?.ToString(), null);
                return Html(ClinicPage.SignIn(clinic.CurrentValue.Name, wrongKey: true), StatusCodes.Status401Unauthorized);
            }
            gate.SignIn(http);
            // 303: the browser fetches the page with GET, so reloading it does not send the key again.
            http.Response.Headers.Location = Path;
            return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
        }).DisableAntiforgery();
        return routes;
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    private static ContentHttpResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);

    private static readonly Action<ILogger, int, Exception?> LogKeyTooShort = LoggerMessage.Define<int>(LogLevel.Warning, new EventId(1502, "ClinicKeyTooShort"),
        "Clinic:InsightsKey is shorter than {Length} characters, so /clinic stays off; set a longer one (e.g. openssl rand -base64 24)");

    private static readonly Action<ILogger, string?, Exception?> LogWrongKey =
        LoggerMessage.Define<string?>(LogLevel.Warning, new EventId(1501, "ClinicWrongKey"), "A wrong key was typed for /clinic from {Address}");
}
