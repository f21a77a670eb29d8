using AcuBot.Knowledge.Search;
namespace AcuBot.Cli;

/// <summary>
/// <c>ask "question" [--explain]</c>: prints the reply the bot would send, with its suggested follow-ups;
/// <c>--explain</c> adds how the question was understood and how the best passages scored.
/// </summary>
public static class AskCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var explain = args.Contains("--explain");
        args = args.Where(a => a != "--explain").ToArray();
        var question = string.Join(' ', args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));
        if (question.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: ask \"your question\"");
            return 2;
        }
        using var host = new CliHost(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        foreach (var reply in await host.AskAsync(question, conversationId: "cli-" + Guid.NewGuid().ToString("N")))
        {
            await output.WriteLineAsync(reply.Text);
            if (reply.SuggestedActions?.Actions is { Count: > 0 } actions)
                await output.WriteLineAsync("\nYou could also ask: " + string.Join(" | ", actions.Select(a => a.Title)));
        }
        if (explain) await ExplainAsync(host, question, output);
        return 0;
    }

    private static async Task ExplainAsync(CliHost host, string question, TextWriter output)
    {
        var snapshot = host.Services.GetRequiredService<Knowledge.KnowledgeService>().Current;
        var embedder = host.Services.GetRequiredService<Knowledge.SentenceModel>().Embedder;
        var vector = embedder is null ? null : await embedder.EmbedAsync(question);
        var dense = vector is null ? null : snapshot.Dense?.Score(vector, snapshot.Index.Knowledge.Passages.Count);
        var result = snapshot.Index.Search(question, dense, dense is null ? RetrievalMode.Lexical : RetrievalMode.Hybrid, maxHits: 5);
        await output.WriteLineAsync("\nHow the question was understood (concept: forms, weight):");
        foreach (var concept in result.Concepts)
            await output.WriteLineAsync($"  {concept.Word}: {string.Join(", ", concept.Forms.Select(f => $"{f.Term}x{f.Factor:0.0}"))}  weight {concept.Weight:0.00}");
        if (result.UnknownWords.Count > 0)
            await output.WriteLineAsync($"Words the knowledge never uses: {string.Join(", ", result.UnknownWords)}");
        await output.WriteLineAsync("Best passages (confidence, cosine, section, text):");
        foreach (var hit in result.Hits)
            await output.WriteLineAsync($"  {hit.Confidence:0.00}  {hit.Cosine:0.00}  [{hit.Section.Title}] {Shorten(hit.Passage.Text)}");
        if (vector is not null && snapshot.RedFlagNet is { } net && net.Compare(vector) is { Nearest: { } nearest } evidence)
            await output.WriteLineAsync($"Red-flag net: nearest example \"{nearest.Text}\" ({nearest.Flag.Description}) at {evidence.Similarity:0.00}, " +
                                        $"nearest ordinary example at {evidence.OrdinarySimilarity:0.00}");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
