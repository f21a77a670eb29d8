using AcuBot.Endpoints;
using AcuBot.Health;
using AcuBot.Telemetry;

namespace AcuBot.Extensions;

/// <summary>
/// What any ASP.NET Core service of this kind carries, apart from what it does (as eShop's ServiceDefaults):
/// health checks for orchestrators and load balancers, OpenTelemetry, the console log format.
/// </summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddAcuBotHealthChecks();
        builder.AddAcuBotTelemetry();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapAcuBotHealthChecks();
        app.MapAcuBotMetrics();
        return app;
    }
}
