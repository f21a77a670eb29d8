using System.CommandLine;
using Stopwatch = System.Diagnostics.Stopwatch;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using AcuBot.Bot;
using AcuBot.Knowledge;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.Cli;

/// <summary>
/// <c>eval FILE [FILE...] [--json] [--no-ablations]</c>: runs labelled question sets through the bot's turn
/// and reports, for each set and in total, how many replies were right, by kind of question, with the
/// time each turn took inside the process, a plain baseline, and the accuracy with each step or signal
/// switched off by name. With <c>--json</c> each report is one JSON line, the total (or the only set) last.
/// </summary>
public static class EvalCommand
{
    public const string Name = "eval";

    /// <summary>For tests and callers that hold the command's arguments (without its name).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output) => CliCommands.RunAsync([Name, .. args], output);

    public static Command Create(string[] settings, TextWriter output)
    {
        var files = new Argument<string[]>("file") { Description = "Labelled question sets in JSON lines (tests/eval/README.md).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print each report as one JSON line, the total (or the only set) last." };
        var noAblations = new Option<bool>("--no-ablations") { Description = "Skip the runs with one step or signal switched off (much faster)." };
        var command = new Command(Name, "Run labelled question sets through the bot and report how many replies were right. " + CliCommands.SettingsHelp)
        {
            files, json, noAblations,
        };
        command.SetAction(parsed => RunAsync(parsed.GetValue(files) ?? [], parsed.GetValue(json), !parsed.GetValue(noAblations), settings, output));
        return command;
    }

    public static async Task<int> RunAsync(string[] files, bool json, bool withAblations, string[] givenSettings, TextWriter output)
    {
        var sets = new List<(string File, IReadOnlyList<EvalQuestion> Questions)>();
        try
        {
            foreach (var file in files) sets.Add((file, EvalQuestionSet.Read(file)));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"eval: {ex.Message}");
            return 2;
        }

        // Eval questions are not patients' questions: they stay out of the unanswered log. Only errors
        // are logged: a red-flag question set would otherwise print a warning line for every urgent one.
        string[] settings = [.. givenSettings, "--Unanswered:Enabled=false"];
        var reports = new List<(string Name, EvalReport Report)>();
        using (var host = new CliHost(settings, logLevel: LogLevel.Error))
        {
            foreach (var (file, questions) in sets)
                reports.Add((file, await EvaluateAsync(host, questions) with { Baseline = EvaluateBaseline(host, questions) }));
        }
        if (withAblations)
        {
            var ablations = await EvaluateAblationsAsync(settings, sets.Select(s => s.Questions).ToArray());
            reports = reports.Select((r, i) => (r.Name, r.Report with { Ablations = ablations[i] })).ToList();
        }
        if (reports.Count > 1) reports.Add(("total", Combine(reports.Select(r => r.Report).ToArray())));

        foreach (var (name, report) in reports)
        {
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport));
            else await WriteTextAsync(reports.Count > 1 ? name : null, report, output);
        }
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
        int withDisclaimer = 0, correct = 0;
        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            // A conversation of its own, unique across the files of one run: a reused id would carry the last
            // answer's context into an unrelated question, as a follow-up.
            var replies = await host.AskAsync(question.Q, $"eval-{Guid.NewGuid():N}");
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

    /// <summary>
    /// Each ablation switches one step or signal off by name, to show what it adds: retrieval by words
    /// only or by meaning only (the default fuses both), one red-flag detector alone (the default runs
    /// both), and the techniques and steps that can be left out.
    /// </summary>
    private static readonly (string Name, string[] Settings)[] Ablations =
    [
        ("lexical_only", ["--Search:Retrieval=Lexical"]),
        ("dense_only", ["--Search:Retrieval=Dense"]),
        ("red_flag_rules_only", ["--RedFlags:Detectors=Rules"]),
        ("red_flag_semantic_net_only", ["--RedFlags:Detectors=Semantic"]),
        ("without_synonyms", ["--Search:UseSynonyms=false"]),
        ("without_not_answered_examples", ["--Search:UseNotAnsweredExamples=false"]),
        ("without_spelling_correction", ["--Search:CorrectSpelling=false"]),
        ("without_small_talk", ["--Turn:DisabledSteps:0=small-talk"]),
        ("without_curated", ["--Turn:DisabledSteps:0=curated"]),
        ("without_sentence_model", ["--Embeddings:Enabled=false"]),
    ];

    /// <summary>Per question set, the accuracy under each ablation (one host per ablation serves every set).</summary>
    private static async Task<IReadOnlyDictionary<string, double>[]> EvaluateAblationsAsync(string[] settings, IReadOnlyList<EvalQuestion>[] sets)
    {
        var accuracies = sets.Select(_ => new Dictionary<string, double>()).ToArray();
        foreach (var (name, setting) in Ablations)
        {
            using var host = new CliHost([.. settings, .. setting], logLevel: LogLevel.Error);
            for (var i = 0; i < sets.Length; i++)
                accuracies[i][name] = (await EvaluateAsync(host, sets[i])).Accuracy;
        }
        return accuracies;
    }

    /// <summary>The reports of several question sets as one: counts added, times and ablations over all questions.</summary>
    private static EvalReport Combine(IReadOnlyList<EvalReport> reports)
    {
        var total = reports.Sum(r => r.Total);
        var correct = reports.Sum(r => r.Correct);
        var byExpect = reports.SelectMany(r => r.ByExpect)
            .GroupBy(t => t.Key)
            .ToDictionary(g => g.Key, g => new EvalTally(g.Sum(t => t.Value.Total), g.Sum(t => t.Value.Correct)));
        IReadOnlyDictionary<string, double>? ablations = reports.All(r => r.Ablations is not null)
            ? reports[0].Ablations!.Keys.ToDictionary(k => k, k => Math.Round(reports.Sum(r => r.Ablations![k] * r.Total) / total, 4))
            : null;
        return new EvalReport(total, correct, Ratio(correct, total), byExpect,
            Math.Round(reports.Sum(r => r.DisclaimerRate * r.Total) / total, 4),
            reports.Max(r => r.P50Ms), reports.Max(r => r.P99Ms),
            reports.SelectMany(r => r.Misses).ToArray())
        {
            Baseline = reports.All(r => r.Baseline is not null)
                ? new EvalBaseline(reports[0].Baseline!.Description, reports.Sum(r => r.Baseline!.Correct),
                    Ratio(reports.Sum(r => r.Baseline!.Correct), total),
                    reports.SelectMany(r => r.Baseline!.ByExpect).GroupBy(t => t.Key)
                        .ToDictionary(g => g.Key, g => new EvalTally(g.Sum(t => t.Value.Total), g.Sum(t => t.Value.Correct))))
                : null,
            Ablations = ablations,
        };
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

    private static async Task WriteTextAsync(string? name, EvalReport report, TextWriter output)
    {
        if (name is not null) await output.WriteLineAsync($"== {name}");
        await output.WriteLineAsync($"{report.Correct}/{report.Total} right ({report.Accuracy:P1}); disclaimer on {report.DisclaimerRate:P0} of replies");
        foreach (var (expect, tally) in report.ByExpect)
            await output.WriteLineAsync($"  {expect,-10} {tally.Correct}/{tally.Total}");
        await output.WriteLineAsync($"  turn time: p50 {report.P50Ms} ms, p99 {report.P99Ms} ms");
        if (report.Baseline is { } baseline)
            await output.WriteLineAsync($"  baseline ({baseline.Description}): {baseline.Correct}/{report.Total} ({baseline.Accuracy:P1})");
        foreach (var (ablation, accuracy) in report.Ablations ?? new Dictionary<string, double>())
            await output.WriteLineAsync($"  {ablation.Replace('_', ' ')}: {accuracy:P1}");
        // The total repeats the misses of each set: they were printed under it.
        foreach (var miss in name == "total" ? [] : report.Misses)
            await output.WriteLineAsync($"MISS [{miss.Expect}] {miss.Q}\n     got {miss.GotKind} / {miss.GotSection}: {FirstLine(miss.Text)}");
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? text;
}
