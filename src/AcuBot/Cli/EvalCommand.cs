using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json;
using AcuBot.Bot;
using AcuBot.Knowledge;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.Cli;

/// <summary>
/// <c>eval FILE [--json]</c>: runs a labelled question set through the bot's turn and reports how many
/// replies were right, by kind of question, with the time each turn took inside the process.
/// </summary>
public static class EvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var json = args.Contains("--json");
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null)
        {
            await Console.Error.WriteLineAsync("usage: eval FILE [--json]");
            return 2;
        }
        IReadOnlyList<EvalQuestion> questions;
        try
        {
            questions = EvalQuestionSet.Read(file);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"eval: {ex.Message}");
            return 2;
        }

        // Eval questions are not patients' questions: they stay out of the unanswered log.
        string[] settings = [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--json"), "--Unanswered:Enabled=false"];
        using var host = new CliHost(settings);
        var report = await EvaluateAsync(host, questions) with
        {
            Baseline = EvaluateBaseline(host, questions),
            Ablations = await EvaluateAblationsAsync(settings, questions),
        };
        if (json)
            await output.WriteLineAsync(JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport));
        else
            await WriteTextAsync(report, output);
        return 0;
    }

    public static async Task<EvalReport> EvaluateAsync(CliHost host, IReadOnlyList<EvalQuestion> questions)
    {
        var disclaimer = host.Services.GetRequiredService<IOptions<ClinicOptions>>().Value.Disclaimer;
        // Take every path of the turn (with messages that are not eval questions) often enough for the
        // tiered JIT to optimise it, so that the timings measure a bot in service, not a cold start.
        for (var round = 0; round < 50; round++)
            foreach (var warmUp in WarmUpMessages) await host.AskAsync(warmUp, "eval-warmup");
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        var times = new List<double>(questions.Count);
        var tallies = EvalQuestionSet.Expectations.ToDictionary(e => e, _ => (Total: 0, Correct: 0));
        var misses = new List<EvalMiss>();
        int withDisclaimer = 0, correct = 0, i = 0;
        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            var replies = await host.AskAsync(question.Q, $"eval-{i++}");
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var first = replies.FirstOrDefault();
            var (kind, section, confidence) = Describe(first);
            var hasDisclaimer = replies.Count > 0 && replies.All(r => r.Text?.Contains(disclaimer, StringComparison.Ordinal) == true);
            if (hasDisclaimer) withDisclaimer++;
            var right = hasDisclaimer && IsRight(question, kind, section, first?.Text ?? "");

            var tally = tallies[question.Expect];
            tallies[question.Expect] = (tally.Total + 1, tally.Correct + (right ? 1 : 0));
            if (right) correct++;
            else misses.Add(new EvalMiss(question.Q, question.Expect, kind, section, first?.Text ?? "", confidence));
        }

        times.Sort();
        return new EvalReport(
            questions.Count, correct, Ratio(correct, questions.Count),
            tallies.Where(t => t.Value.Total > 0).ToDictionary(t => t.Key, t => new EvalTally(t.Value.Total, t.Value.Correct)),
            Ratio(withDisclaimer, questions.Count),
            Math.Round(Percentile(times, 0.50), 3), Math.Round(Percentile(times, 0.99), 3),
            misses);
    }

    private static readonly string[] WarmUpMessages =
        ["hello", "thanks", "what can you do", "I have chest pain", "what is a needle", "tell me more", "neddle placement", "zebra crossing", ""];

    /// <summary>Settings that switch one technique off each, for the ablation figures of the report.</summary>
    private static readonly (string Name, string Setting)[] Ablations =
    [
        ("without_synonyms", "--Search:UseSynonyms=false"),
        ("without_spelling_correction", "--Search:CorrectSpelling=false"),
        ("without_definition_bonus", "--Search:DefinitionBonus=0"),
        ("without_section_overviews", "--Answers:SectionOverviewThreshold=2"),
        ("without_confidence_threshold", "--Answers:ConfidenceThreshold=0"),
    ];

    private static async Task<IReadOnlyDictionary<string, double>> EvaluateAblationsAsync(string[] settings, IReadOnlyList<EvalQuestion> questions)
    {
        var accuracies = new Dictionary<string, double>();
        foreach (var (name, setting) in Ablations)
        {
            using var host = new CliHost([.. settings, setting]);
            accuracies[name] = (await EvaluateAsync(host, questions)).Accuracy;
        }
        return accuracies;
    }

    /// <summary>The questions through <see cref="BaselineSectionSearch"/>: its top section is its answer.</summary>
    public static EvalBaseline EvaluateBaseline(CliHost host, IReadOnlyList<EvalQuestion> questions)
    {
        using var baseline = new BaselineSectionSearch(host.Services.GetRequiredService<KnowledgeService>().Current.Index.Knowledge);
        var tallies = new Dictionary<string, EvalTally>();
        var correct = 0;
        foreach (var question in questions)
        {
            var section = baseline.Search(question.Q);
            var text = section is null ? "" : section.Title + "\n" + string.Join("\n", section.Passages.Select(p => p.Text));
            var right = IsRight(question, section is null ? "fallback" : "answer", section?.Title, text);
            var tally = tallies.GetValueOrDefault(question.Expect, new EvalTally(0, 0));
            tallies[question.Expect] = new EvalTally(tally.Total + 1, tally.Correct + (right ? 1 : 0));
            if (right) correct++;
        }
        return new EvalBaseline("Lucene StandardAnalyzer, one document per section, top hit always returned",
            correct, Ratio(correct, questions.Count), tallies);
    }

    /// <summary>Whether a reply does what the question's label asks (shared/eval/README.md).</summary>
    public static bool IsRight(EvalQuestion question, string kind, string? section, string text) => question.Expect switch
    {
        "answer" => kind == "answer"
                    && question.Sections!.Contains(section)
                    && question.Phrases!.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)),
        "none" => kind is "fallback",
        "urgent" => kind == "urgent",
        "smalltalk" => kind == "smallTalk",
        _ => false,
    };

    private static (string Kind, string? Section, double? Confidence) Describe(Activity? reply)
    {
        if (reply?.ChannelData is not { ValueKind: JsonValueKind.Object } data) return ("none", null, null);
        var metadata = data.Deserialize(BotJsonContext.Default.ReplyMetadata);
        return (metadata?.Kind ?? "none", metadata?.Section, metadata?.Confidence);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task WriteTextAsync(EvalReport report, TextWriter output)
    {
        await output.WriteLineAsync($"{report.Correct}/{report.Total} right ({report.Accuracy:P1}); disclaimer on {report.DisclaimerRate:P0} of replies");
        foreach (var (expect, tally) in report.ByExpect)
            await output.WriteLineAsync($"  {expect,-10} {tally.Correct}/{tally.Total}");
        await output.WriteLineAsync($"  turn time: p50 {report.P50Ms} ms, p99 {report.P99Ms} ms");
        if (report.Baseline is { } baseline)
            await output.WriteLineAsync($"  baseline ({baseline.Description}): {baseline.Correct}/{report.Total} ({baseline.Accuracy:P1})");
        foreach (var (name, accuracy) in report.Ablations ?? new Dictionary<string, double>())
            await output.WriteLineAsync($"  {name.Replace('_', ' ')}: {accuracy:P1}");
        foreach (var miss in report.Misses)
            await output.WriteLineAsync($"MISS [{miss.Expect}] {miss.Q}\n     got {miss.GotKind} / {miss.GotSection}: {FirstLine(miss.Text)}");
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? text;
}
