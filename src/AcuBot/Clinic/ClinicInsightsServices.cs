using AcuBot.Unanswered;
using Microsoft.Extensions.Options;

namespace AcuBot.Clinic;

/// <summary>
/// The services behind <c>/clinic</c> (the page is mapped in Endpoints/ClinicEndpoints.cs): the key gate,
/// and the counts, kept in the unanswered log's database (SQLite, or PostgreSQL when configured) when that log is on.
/// </summary>
public static class ClinicInsightsServices
{
    public static IServiceCollection AddClinicInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InsightsOptions>(configuration.GetSection(Options.ClinicOptions.Section));
        services.AddSingleton<InsightsKeyGate>();
        services.AddSingleton<IClinicInsights>(sp => sp.GetRequiredService<IOptions<UnansweredOptions>>().Value.Enabled
            ? sp.GetService<Storage.PostgresDatabase>() is not null
                ? ActivatorUtilities.CreateInstance<Storage.PostgresClinicInsights>(sp)
                : ActivatorUtilities.CreateInstance<SqliteClinicInsights>(sp)
            : new NoClinicInsights());
        return services;
    }
}
