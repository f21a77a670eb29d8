using AcuBot.Knowledge;
using AcuBot.Knowledge.Loading;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AcuBot.Health;

/// <summary>
/// Is the bot answering from the clinic's documents as they are? Unhealthy before the knowledge is
/// loaded; degraded while a file's current state is held back (the file and why, so that the clinic
/// learns that its edit is not in use), when the folder holds no document at all (the bot can then only
/// give contact details), or while passages are being embedded in the background.
/// </summary>
public sealed class KnowledgeHealthCheck(KnowledgeService knowledge, IOptions<KnowledgeSourceOptions> source) : IHealthCheck
{
    public const string Name = "knowledge";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (!knowledge.IsLoaded) return HealthCheckResult.Unhealthy("The knowledge is not loaded yet.");
        var current = knowledge.Current;
        var loaded = current.Index.Knowledge;
        var data = new Dictionary<string, object>
        {
            ["documents"] = loaded.Documents.Count,
            ["sections"] = loaded.Sections.Count,
            ["passages"] = loaded.Passages.Count,
        };
        if (current.HeldBack.Count > 0)
        {
            data["heldBack"] = current.HeldBack.Select(HeldBack).ToArray();
            var files = string.Join("; ", current.HeldBack.Select(h => $"{h.File}: {h.Reason}"));
            return HealthCheckResult.Degraded($"Answering from the last good version of {current.HeldBack.Count} file(s) held back: {files}", data: data);
        }
        if (loaded.Documents.Count == 0)
            return HealthCheckResult.Degraded($"No documents in {source.Value.Folder}: the bot can only give the clinic's contact details.", data: data);
        if (knowledge.PassagesBeingEmbedded is { } count)
            return HealthCheckResult.Degraded($"Embedding {count} passages in the background: lexical search until done.", data: data);
        return HealthCheckResult.Healthy($"{loaded.Documents.Count} documents, {loaded.Passages.Count} passages.", data);
    }

    private static IReadOnlyDictionary<string, object?> HeldBack(HeldBackFile file) => new Dictionary<string, object?>
    {
        ["file"] = file.File,
        ["reason"] = file.Reason,
        // When the file is accepted as it is if it stays so; absent for one that cannot be read.
        ["until"] = file.Until,
    };
}
