using AcuBot.Knowledge;

namespace AcuBot.Channels;

/// <summary><c>GET /healthz</c>: 200 with the size of the loaded knowledge once the index is ready, 503 before.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", (KnowledgeService knowledge) =>
        {
            if (!knowledge.IsLoaded) return JsonBody.Of(new Health("loading", 0, 0, 0), AppJsonContext.Default.Health, statusCode: 503);
            var loaded = knowledge.Current.Index.Knowledge;
            return JsonBody.Of(new Health("ready", loaded.Documents.Count, loaded.Sections.Count, loaded.Passages.Count), AppJsonContext.Default.Health);
        });
        return routes;
    }
}

public sealed record Health(string Status, int Documents, int Sections, int Passages);
