using AcuBot.Channels;
using AcuBot.Health;
using AcuBot.Knowledge;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AcuBot.Endpoints;

/// <summary>
/// <c>GET /healthz</c>: 503 before the index is ready; then 200 with the size of the loaded knowledge,
/// "ready", or "degraded" with the reason when the bot answers without a part of itself (the sentence
/// model: then lexical search and red-flag patterns only) or without the current state of a knowledge
/// file (<c>heldBack</c>: the file, why, and until when if it stays so); 503 "draining" while the instance
/// is stopping (<see cref="Extensions.ShutdownDrain"/>: it still answers, but a balancer should look elsewhere).
/// Also <c>/health/live</c> and <c>/health/ready</c>, the ASP.NET Core health checks (see <see cref="HealthSetup"/>).
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", JsonBody (KnowledgeService knowledge, SentenceModel model, Extensions.ShutdownDrain drain, HttpContext http) =>
        {
            if (drain.IsDraining) return JsonBody.Of(new Health(HealthReportWriter.Draining, 0, 0, 0), AppJsonContext.Default.Health, statusCode: 503);
            if (!knowledge.IsLoaded) return JsonBody.Of(new Health("loading", 0, 0, 0), AppJsonContext.Default.Health, statusCode: 503);
            var current = knowledge.Current;
            var loaded = current.Index.Knowledge;
            var embedding = knowledge.PassagesBeingEmbedded;
            var redis = Storage.RedisConnection.Describe(http.RequestServices.GetService<Storage.RedisConnection>());
            var degraded = model.Problem is not null || current.HeldBack.Count > 0 || embedding is not null || redis is { Connected: false };
            var health = new Health(degraded ? "degraded" : "ready", loaded.Documents.Count, loaded.Sections.Count, loaded.Passages.Count)
            {
                SentenceModel = model.Problem
                    ?? (embedding is { } count ? $"loaded; embedding {count} passages in the background (lexical search until done)" : "loaded"),
                HeldBack = current.HeldBack.Select(h => new HeldBackHealth(h.File, h.Reason, h.Until)).ToArray(),
                Redis = redis?.Text,
            };
            return JsonBody.Of(health, AppJsonContext.Default.Health);
        });
        return routes;
    }

    /// <summary>Liveness runs no check (the process answers HTTP); readiness the checks tagged <see cref="HealthSetup.ReadyTag"/>.</summary>
    public static IEndpointRouteBuilder MapAcuBotHealthChecks(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks(HealthSetup.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        routes.MapHealthChecks(HealthSetup.ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthSetup.ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return routes;
    }
}

/// <param name="Status">"loading", "ready", "degraded" or "draining".</param>
public sealed record Health(string Status, int Documents, int Sections, int Passages)
{
    /// <summary>"loaded", or why the sentence-embedding model is not in use.</summary>
    public string? SentenceModel { get; init; }

    /// <summary>Knowledge files whose current state is not in use; empty when every file is.</summary>
    public IReadOnlyList<HeldBackHealth> HeldBack { get; init; } = [];

    /// <summary>With ConnectionStrings:Redis: "connected", or what does not work while it is not; absent without Redis.</summary>
    public string? Redis { get; init; }
}

/// <param name="Until">When the file is accepted as it is if it stays so; absent for a file that cannot be read.</param>
public sealed record HeldBackHealth(string File, string Reason, DateTimeOffset? Until);
