using AcuBot.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AcuBot.Health;

/// <summary>
/// Is the instance stopping? While it drains (<see cref="ShutdownDrain"/>) it still answers, but a load
/// balancer should send new patients elsewhere: unhealthy, so that <c>/health/ready</c> answers 503, and the
/// report's status reads "draining".
/// </summary>
public sealed class ShutdownHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("Draining: the instance is stopping; requests already sent are still answered.")
            : HealthCheckResult.Healthy("Serving."));
}
