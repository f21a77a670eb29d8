using AcuBot.Options;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AcuBot.Telemetry;

/// <summary>
/// OpenTelemetry for the web host: the bot's meter and source (<see cref="AcuBotTelemetry"/>) and ASP.NET
/// Core's own, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and scraped at
/// <c>/metrics</c> when <c>Telemetry:MetricsEndpoint</c> is true. With neither, no provider is made at
/// all, so nothing listens and nothing is aggregated: the bot runs as fast as without telemetry.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddAcuBotTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (settings.JsonConsole)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.FormatterName = "json");
        }

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !settings.MetricsEndpoint) return builder;

        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
            telemetry.ConfigureResource(resource => resource.AddService(AcuBotTelemetry.Name));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(AcuBotTelemetry.Name).AddAspNetCoreInstrumentation();
            if (settings.MetricsEndpoint) metrics.AddPrometheusExporter();
        });
        if (settings.MetricsEndpoint) builder.Services.TryAddSingleton<MetricsEndpointChosen>();
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(AcuBotTelemetry.Name)
                // HttpClient's own spans (.NET 9 and later): the connector call's requests, retries included.
                .AddSource("System.Net.Http")
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !IsProbe(http.Request.Path)));
            telemetry.WithLogging();
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>Serves <c>/metrics</c> when <c>Telemetry:MetricsEndpoint</c> is on.</summary>
    public static IEndpointRouteBuilder MapAcuBotMetrics(this IEndpointRouteBuilder routes)
    {
        // Decided with the exporter, when the services were added: the endpoint needs it.
        if (routes.ServiceProvider.GetService<MetricsEndpointChosen>() is not null) routes.MapPrometheusScrapingEndpoint(MetricsPath);
        return routes;
    }

    /// <summary>Health probes and scrapes come every few seconds and say nothing about patients' requests: no spans for them.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/healthz") || path.StartsWithSegments(MetricsPath);

    /// <summary>Present when the Prometheus exporter was added, so that <c>/metrics</c> is mapped.</summary>
    private sealed class MetricsEndpointChosen;
}
