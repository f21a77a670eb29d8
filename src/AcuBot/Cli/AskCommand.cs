using AcuBot.Bot.Turn;
using AcuBot.Bot.Turn.Steps;
using System.CommandLine;
using AcuBot.Knowledge.Checking;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace AcuBot.Cli;

/// <summary>
/// <c>ask "question" [--explain]</c>: prints the reply the bot would send, with its suggested follow-ups;
/// <c>--explain</c> adds how the question was understood (in the words as typed, with the synonyms and
/// spelling corrections used) and how the best passages scored. The question is not recorded in the
/// unanswered log: it is the clinic's own, not a patient's.
/// </summary>
public static class AskCommand
{
    public const string Name = "ask";

    /// <summary>For tests and callers that hold the command's arguments (without its name).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output) => CliCommands.RunAsync([Name, .. args], output);

    public static Command Create(string[] settings, TextWriter output)
    {
        var question = new Argument<string[]>("question") { Description = "The question, as a patient would type it (quote it, or give it as several words).", Arity = ArgumentArity.OneOrMore };
        var explain = new Option<bool>("--explain") { Description = "Also show how the question was understood and how the best passages scored." };
        var command = new Command(Name, "Print the reply the bot would send to a question. " + CliCommands.SettingsHelp) { question, explain };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(string.Join(' ', parsed.GetValue(question) ?? []), parsed.GetValue(explain), settings, output, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string question, bool explain, string[] settings, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            await Console.Error.WriteLineAsync("ask: give a question, e.g. ask \"Does acupuncture hurt?\"");
            return 2;
        }
        using var host = new CliHost([.. settings, "--Unanswered:Enabled=false"]);
        foreach (var reply in await host.AskAsync(question, conversationId: "cli-" + Guid.NewGuid().ToString("N"), cancellationToken))
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
        // The search as the turn's search step runs it: the same signals, incidental words left out.
        var turn = new TurnSignals(question, conversationId: null, snapshot, embedder, context: null);
        var vector = await turn.VectorAsync(default);
        var mode = snapshot.Dense is null || vector is null ? RetrievalMode.Lexical : RetrievalMode.Hybrid;
        var result = await turn.SearchAsync(mode, SearchStep.MaxHits, default);
        var withoutStory = await turn.SearchWithoutStoryWordsAsync(result, mode, SearchStep.MaxHits, default);
        var words = TermWords.Build(snapshot.Index.Knowledge, host.Services.GetRequiredService<PassageAnalyzer>(), SynonymsText(host));

        await output.WriteLineAsync("\nHow the question was understood (each word as typed, what it was looked up as, and how much it counts):");
        foreach (var concept in result.Concepts)
            await output.WriteLineAsync($"  {concept.Written}: {Describe(concept, words, snapshot.Index.Vocabulary)}; weight {concept.Weight:0.00}");
        if (result.UnknownWords.Count > 0)
            await output.WriteLineAsync($"Words the knowledge never uses: {string.Join(", ", result.UnknownWords)}");
        if (snapshot.Index.UncomparedWordsOf(question) is { Count: > 0 } uncompared)
            await output.WriteLineAsync($"Compares with what the articles never compare (no passage answers): {string.Join(", ", uncompared)}");
        if (withoutStory is not null)
            await output.WriteLineAsync("Words of the story around the question, left out when the question's own words do not answer: " +
                                        string.Join(", ", result.UnknownWords.Except(withoutStory.UnknownWords)));
        await output.WriteLineAsync("Best passages (confidence: share of the question covered; cosine: closeness in meaning; section; text):");
        foreach (var hit in result.Hits)
            await output.WriteLineAsync($"  {hit.Confidence:0.00}  {hit.Cosine:0.00}  [{hit.Section.Title}] {Shorten(hit.Passage.Text)}");
        if (vector is not null && snapshot.NotAnswered?.Nearest(vector) is { } notAnswered)
            await output.WriteLineAsync($"Nearest question the documents do not answer (not-answered file): \"{notAnswered.Question}\" at {notAnswered.Similarity:0.00}");
        if (vector is not null && snapshot.RedFlagNet is { } net && net.Compare(vector) is { Nearest: { } nearest } evidence)
        {
            await output.WriteLineAsync($"Red-flag net: nearest example \"{nearest.Text}\" ({nearest.Flag.Description}) at {evidence.Similarity:0.00}, " +
                                        $"nearest ordinary example at {evidence.OrdinarySimilarity:0.00}");
            foreach (var (clause, clauseVector) in await turn.ClauseVectorsAsync(default))
                if (net.CompareClause(clauseVector, evidence) is { Nearest: { } near } byClause)
                    await output.WriteLineAsync($"  clause \"{Shorten(clause)}\": \"{near.Text}\" at {byClause.Similarity:0.00}, ordinary (clause or message) at {byClause.OrdinarySimilarity:0.00}");
        }
    }

    /// <summary>"as typed, also its synonyms sore, painful", "read as needles (spelling)", in the clinic's words rather than stems.</summary>
    public static string Describe(QueryConcept concept, TermWords words, Vocabulary vocabulary)
    {
        var parts = new List<string>();
        foreach (var form in concept.Forms)
        {
            var word = words.For(form.Term);
            if (form.Factor == QueryInterpreter.CorrectionFactor) parts.Add($"read as \"{word}\" (spelling corrected)");
            else if (form.Factor == 1.0) parts.Add(vocabulary.Contains(form.Term) ? "found as typed" : "not in the knowledge");
        }
        var synonyms = concept.Forms.Where(f => f.Factor == QueryInterpreter.SynonymFactor).Select(f => words.For(f.Term)).Distinct().ToArray();
        if (synonyms.Length > 0) parts.Add("synonyms used: " + string.Join(", ", synonyms));
        return string.Join("; ", parts);
    }

    private static string? SynonymsText(CliHost host)
    {
        var source = host.Services.GetRequiredService<IOptions<KnowledgeSourceOptions>>().Value;
        var path = Path.Combine(source.Folder, source.SynonymsFile);
        try { return File.Exists(path) ? File.ReadAllText(path) : null; }
        catch (IOException) { return null; }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
