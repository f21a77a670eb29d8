using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AcuBot.Health;

/// <summary>
/// ASP.NET Core health checks, split the way orchestrators and load balancers probe:
/// <c>/health/live</c> (the process answers HTTP: restart it if not) runs no check at all;
/// <c>/health/ready</c> (send it patients) runs the checks tagged <see cref="ReadyTag"/>: knowledge,
/// sentence model, stores, shutdown. Healthy and degraded answer 200 (a degraded bot still answers, and the
/// body says what is missing), unhealthy 503; an instance that is stopping answers 503 with the status
/// "draining" (<see cref="ShutdownHealthCheck"/>), so that a balancer sends new requests elsewhere. <c>/healthz</c> stays as it was: the benchmarks' fast probe.
/// The routes are mapped in Endpoints/HealthEndpoints.cs.
/// </summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddAcuBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<KnowledgeHealthCheck>(KnowledgeHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<SentenceModelHealthCheck>(SentenceModelHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<StoresHealthCheck>(StoresHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<ShutdownHealthCheck>(ShutdownHealthCheck.Name, tags: [ReadyTag]);
        return services;
    }
}
