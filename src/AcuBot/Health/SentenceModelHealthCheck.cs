using AcuBot.Knowledge;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AcuBot.Health;

/// <summary>
/// Is the sentence-embedding model in use? Without it the bot still answers (lexical search, red-flag
/// patterns), so its absence is degraded, not unhealthy; the description says why it is not loaded.
/// </summary>
public sealed class SentenceModelHealthCheck(SentenceModel model) : IHealthCheck
{
    public const string Name = "sentenceModel";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(model.Problem is { } problem
            ? HealthCheckResult.Degraded($"The sentence model is {problem}: lexical search and red-flag patterns only.")
            : HealthCheckResult.Healthy("Loaded."));
}
