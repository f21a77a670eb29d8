using AcuBot.Knowledge;

namespace AcuBot.Channels;

/// <summary>
/// <c>GET /healthz</c>: 503 before the index is ready; then 200 with the size of the loaded knowledge,
/// "ready", or "degraded" with the reason when the bot answers without a part of itself (the sentence
/// model: then lexical search and red-flag patterns only).
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", (KnowledgeService knowledge, SentenceModel model) =>
        {
            if (!knowledge.IsLoaded) return JsonBody.Of(new Health("loading", 0, 0, 0), AppJsonContext.Default.Health, statusCode: 503);
            var loaded = knowledge.Current.Index.Knowledge;
            var health = new Health(model.Problem is null ? "ready" : "degraded", loaded.Documents.Count, loaded.Sections.Count, loaded.Passages.Count)
            {
                SentenceModel = model.Problem is null ? "loaded" : model.Problem,
            };
            return JsonBody.Of(health, AppJsonContext.Default.Health);
        });
        return routes;
    }
}

public sealed record Health(string Status, int Documents, int Sections, int Passages)
{
    /// <summary>"loaded", or why the sentence-embedding model is not in use.</summary>
    public string? SentenceModel { get; init; }
}
