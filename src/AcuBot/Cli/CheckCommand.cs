using System.CommandLine;
using System.Text.Json;
using AcuBot.Bot;
using AcuBot.Bot.Safety;
using AcuBot.Knowledge.Checking;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AcuBot.Cli;

/// <summary>
/// <c>check</c>: what the bot makes of the knowledge folder, for a clinic to run before or after an
/// edit (or in its own CI): every file with what was found in it, the files that cannot be read or hold
/// nothing, curated questions that would answer an ordinary article question in the article's place,
/// synonym groups no document uses, red-flag rules that miss their own example sentences, and questions
/// of the not-answered file that mean a question the documents answer. Exit
/// code 1 on an error (a file the bot skips or that holds nothing), and with <c>--strict</c> on a
/// warning too; 0 otherwise. Changes nothing.
/// </summary>
public static class CheckCommand
{
    public const string Name = "check";

    /// <summary>For tests and callers that hold the command's arguments (without its name).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output) => CliCommands.RunAsync([Name, .. args], output);

    public static Command Create(string[] settings, TextWriter output)
    {
        var strict = new Option<bool>("--strict") { Description = "Exit with 1 on warnings too, not only on errors." };
        var command = new Command(Name, "Check the knowledge folder: what each file gives the bot, and what would go wrong. " +
                                        "Exit code 1 on errors (and on warnings with --strict). " + CliCommands.SettingsHelp) { strict };
        command.SetAction((parsed, cancellationToken) => RunAsync(settings, parsed.GetValue(strict), output, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string[] settings, bool strict, TextWriter output, CancellationToken cancellationToken = default)
    {
        // The check's own findings are its output: the loader's log lines would only repeat them.
        settings = [.. settings, "--Unanswered:Enabled=false"];
        using var host = new CliHost(settings, logLevel: LogLevel.None);
        var source = host.Services.GetRequiredService<IOptions<KnowledgeSourceOptions>>().Value;
        var analyzer = host.Services.GetRequiredService<PassageAnalyzer>();
        var folder = new KnowledgeLoader(source, analyzer, NullLogger<KnowledgeLoader>.Instance).ReadFolder();
        var report = new Report(output);

        await output.WriteLineAsync($"Knowledge folder {source.Folder}: {folder.Files.Count} document files");
        if (!Directory.Exists(source.Folder)) report.Error($"the folder does not exist (Knowledge:Folder is \"{source.Folder}\")");
        else if (folder.Files.Count == 0) report.Error("no *.md or *.txt document in it: the bot has nothing to answer from");
        await WriteFilesAsync(KnowledgeCheck.Files(folder), report, output);
        CheckQuestionFiles(folder, source, analyzer, report);
        await CheckSynonymsAsync(folder, source, analyzer, report, output);
        await CheckRedFlagsAsync(source, report, output);
        await CheckCuratedAsync(host, settings, report, output, cancellationToken);
        await CheckNotAnsweredAsync(host, source, report, output);

        await output.WriteLineAsync($"\n{report.Errors} error{(report.Errors == 1 ? "" : "s")}, {report.Warnings} warning{(report.Warnings == 1 ? "" : "s")}.");
        return report.Errors > 0 || (strict && report.Warnings > 0) ? 1 : 0;
    }

    private static async Task WriteFilesAsync(IReadOnlyList<FileFindings> files, Report report, TextWriter output)
    {
        foreach (var file in files)
        {
            if (file.Problem is not null)
            {
                await output.WriteLineAsync($"\n{file.Name}");
                report.Error($"{file.Name} cannot be read: {file.Problem}. The bot skips it (or keeps its last good version while running).");
                continue;
            }
            if (file.IsEmpty)
            {
                await output.WriteLineAsync($"\n{file.Name}");
                report.Error($"{file.Name} holds nothing the bot can use: no text under a heading{(file.Name.EndsWith(".faq.md", StringComparison.OrdinalIgnoreCase) ? ", no \"## question\" with an answer" : "")}.");
                continue;
            }
            if (file.QuestionBlocks.Count > 0)
            {
                await output.WriteLineAsync($"\n{file.Name}: {Count(file.QuestionBlocks.Count, "block")} of questions for passages, " +
                                            Count(file.QuestionBlocks.Sum(b => b.Questions.Count), "question"));
            }
            else if (file.CuratedQuestions.Count > 0)
            {
                await output.WriteLineAsync($"\n{file.Name}: {Count(file.CuratedQuestions.Count, "curated question")}");
                foreach (var questions in file.CuratedQuestions)
                    await output.WriteLineAsync($"  ## {questions[0]}" + (questions.Count > 1 ? $"  (also asked: {string.Join(" | ", questions.Skip(1))})" : ""));
            }
            else
            {
                await output.WriteLineAsync($"\n{file.Name}: {Count(file.Sections.Count, "section")}, {Count(file.Passages, "passage")}");
                foreach (var section in file.Sections)
                    await output.WriteLineAsync($"  {section.Title}  ({Count(section.Passages, "passage")})");
            }
        }
    }

    /// <summary>A block of questions whose passage was retitled or reworded no longer helps anyone find it.</summary>
    private static void CheckQuestionFiles(FolderContents folder, KnowledgeSourceOptions source, PassageAnalyzer analyzer, Report report)
    {
        if (!folder.Files.Any(f => f.Content?.Questions.Count > 0)) return;
        var knowledge = new KnowledgeLoader(source, analyzer, NullLogger<KnowledgeLoader>.Instance).Assemble(
            folder.Files.Where(f => f.Content is not null).Select(f => (f.Name, f.Content!)), folder.Synonyms, new Dictionary<string, string>());
        foreach (var unmatched in knowledge.UnmatchedQuestions)
            report.Warning($"{unmatched.File}, line {unmatched.Block.Line}: {unmatched.Block.Key} names no passage (no section with that title " +
                           "whose passage starts with those words), so its questions are not used");
    }

    private static async Task CheckSynonymsAsync(FolderContents folder, KnowledgeSourceOptions source, PassageAnalyzer analyzer, Report report, TextWriter output)
    {
        var path = Path.Combine(source.Folder, source.SynonymsFile);
        if (!File.Exists(path)) return;
        string text;
        try { text = File.ReadAllText(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            report.Error($"{source.SynonymsFile} cannot be read: {KnowledgeLoader.Reason(ex)}");
            return;
        }
        var groups = text.ReplaceLineEndings("\n").Split('\n').Count(l => TermWords.SynonymEntries(l).Any());
        await output.WriteLineAsync($"\n{source.SynonymsFile}: {Count(groups, "synonym group")}");
        SynonymMap.Parse(text, analyzer, out var problems);
        foreach (var problem in problems) report.Warning($"{source.SynonymsFile}, {problem}");
        foreach (var unused in KnowledgeCheck.UnusedSynonymGroups(folder, text, analyzer))
            report.Warning($"{source.SynonymsFile}, line {unused.Line} ({string.Join(", ", unused.Words)}): no document uses any of these words, so the group never helps a question find a passage");
    }

    private static async Task CheckRedFlagsAsync(KnowledgeSourceOptions source, Report report, TextWriter output)
    {
        var path = Path.Combine(source.Folder, source.RedFlagsFile);
        if (!File.Exists(path))
        {
            report.Warning($"{source.RedFlagsFile} is missing: the bot uses the red flags it was built with");
            return;
        }
        var rules = RedFlagRules.Parse(await File.ReadAllTextAsync(path), out var problems);
        var examples = rules.Examples.GroupBy(e => e.Flag).ToArray();
        await output.WriteLineAsync($"\n{source.RedFlagsFile}: {Count(rules.Count, "pattern")}, {Count(rules.Examples.Count, "example")} under {Count(examples.Length, "rule")}, {Count(rules.OrdinaryExamples.Count, "ordinary example")}");
        foreach (var problem in problems) report.Warning($"{source.RedFlagsFile}, {problem}");
        if (rules.Count == 0) report.Error($"{source.RedFlagsFile} has no usable pattern: the bot uses the red flags it was built with");
        foreach (var rule in examples)
        {
            var missed = rule.Where(e => rules.Match(new MessageText(e.Text)) is not { } match || match.Description != rule.Key.Description).ToArray();
            if (missed.Length == 0) continue;
            report.Warning($"{source.RedFlagsFile}, rule \"{rule.Key.Description}\": its patterns miss {missed.Length} of its {rule.Count()} examples " +
                           $"(without the sentence model these are not flagged): {string.Join(" | ", missed.Select(e => "\"" + e.Text + "\""))}");
        }
    }

    /// <summary>
    /// Questions patients ask any clinic about a visit, which a curated answer about something else
    /// should not take: the README's price entry answered "what happens at the first visit?" with the
    /// price when the sentence model was not loaded.
    /// </summary>
    public static readonly string[] OrdinaryQuestions =
    [
        "What happens at the first visit?", "What happens during a session?", "How long does a session take?",
        "How many sessions will I need?", "Does it hurt?", "Is it safe?", "What are the side effects?",
        "What should I wear?", "How does it work?", "Who can have it?",
    ];

    /// <summary>Cosine at or above which a probe asks what the curated question asks (then its answer is the right one).</summary>
    private const float SameQuestion = 0.85f;

    /// <summary>
    /// A question the clinic says the documents do not answer, nearly the same in meaning as a curated
    /// question (or one of its "Also asked" forms): once a prices page is added, "how much does a session
    /// cost" is answered, and the example must go. (Article passages are left out: their question files
    /// hold near neighbours of many examples on purpose, "is it better than painkillers" beside "is it better
    /// than massage".)
    /// </summary>
    private static async Task CheckNotAnsweredAsync(CliHost host, KnowledgeSourceOptions source, Report report, TextWriter output)
    {
        var snapshot = host.Services.GetRequiredService<Knowledge.KnowledgeService>().Current;
        if (snapshot.NotAnswered is not { Questions.Count: > 0 } examples || snapshot.Dense is not { } dense) return;
        await output.WriteLineAsync($"\n{source.NotAnsweredFile}: {Count(examples.Questions.Count, "question")} the documents do not answer");
        var passages = snapshot.Index.Knowledge.Passages;
        var curated = passages.Where(p => p.Kind == PassageKind.Curated).ToArray();
        if (curated.Length == 0) return;
        // The examples' vectors are the snapshot's: embedded when the knowledge loaded, not again here.
        for (var i = 0; i < examples.Questions.Count; i++)
        {
            var scores = dense.Score(examples.VectorOf(i), passages.Count);
            var answered = curated.MaxBy(p => scores.OfQuestions(p.Id))!;
            if (scores.OfQuestions(answered.Id) >= AnsweredQuestionSimilarity)
                report.Warning($"\"{examples.Questions[i]}\" ({source.NotAnsweredFile}) means a question that \"{answered.Section.Title}\" answers " +
                               $"(similarity {scores.OfQuestions(answered.Id):0.00}): delete it from {source.NotAnsweredFile}, or the question from the document.");
        }
    }

    /// <summary>Measured: "how much does a session cost" against the curated "How much do you charge for a session?" is 0.83.</summary>
    private const float AnsweredQuestionSimilarity = 0.8f;

    /// <summary>
    /// Asks the bot each article section's heading, the example questions and <see cref="OrdinaryQuestions"/>,
    /// as a patient would, once with the sentence model and once without (the bot answers without it when
    /// the model cannot load): a curated answer to another question means that curated question captures
    /// an ordinary one. The bot's own turn decides, so the check sees what a patient would get.
    /// </summary>
    private static async Task CheckCuratedAsync(CliHost host, string[] settings, Report report, TextWriter output, CancellationToken cancellationToken)
    {
        var knowledge = host.Services.GetRequiredService<Knowledge.KnowledgeService>().Current.Index.Knowledge;
        var curated = knowledge.Passages.Where(p => p.Kind == PassageKind.Curated).ToArray();
        if (curated.Length == 0) return;
        var probes = knowledge.Sections.Where(s => s.Passages.Count > 0 && s.Passages.All(p => p.Kind != PassageKind.Curated)).Select(s => s.Title)
            .Concat(host.Services.GetRequiredService<IOptions<Options.AnswerOptions>>().Value.EffectiveExampleQuestions)
            .Concat(OrdinaryQuestions)
            .DistinctBy(Normalised).ToArray();
        await output.WriteLineAsync($"\nCurated questions against {Count(probes.Length, "ordinary question")} (the articles' headings, the example questions, common visit questions)");

        var embedder = host.Services.GetRequiredService<Knowledge.SentenceModel>().Embedder;
        using var lexical = new CliHost([.. settings, "--Embeddings:Enabled=false"], logLevel: LogLevel.None);
        var hosts = embedder is not null ? new[] { (host, "with the sentence model"), (lexical, "without the sentence model") } : [(lexical, "without the sentence model")];
        if (embedder is null) report.Warning("the sentence model is not loaded: curated questions were checked without it only");
        var n = 0;
        foreach (var probe in probes)
            foreach (var (bot, how) in hosts)
            {
                var reply = (await bot.AskAsync(probe, $"check-{n++}", cancellationToken)).FirstOrDefault();
                if (reply?.ChannelData is not { ValueKind: JsonValueKind.Object } data) continue;
                var metadata = data.Deserialize(BotJsonContext.Default.ReplyMetadata);
                if (metadata is not { Kind: "answer", Source: { } file } || !file.EndsWith(".faq.md", StringComparison.OrdinalIgnoreCase)) continue;
                var entry = curated.FirstOrDefault(p => p.Section.Title == metadata.Section && p.Section.SourceFile == file);
                var forms = entry?.Questions.Count > 0 ? entry.Questions : [metadata.Section ?? ""];
                if (await AsksTheSameAsync(probe, forms, embedder, cancellationToken)) continue;
                report.Warning($"\"{probe}\" gets the curated answer to \"{metadata.Section}\" ({file}) {how}: " +
                               "if that is not what it asks, reword the curated question and its \"Also asked\" forms to be only about what they answer");
            }
    }

    /// <summary>The probe is one of the curated question's own forms (same words, or with the model, the same meaning).</summary>
    private static async Task<bool> AsksTheSameAsync(string probe, IReadOnlyList<string> forms, Knowledge.Embeddings.BatchingEmbedder? embedder, CancellationToken cancellationToken)
    {
        if (forms.Any(f => Normalised(f) == Normalised(probe))) return true;
        if (embedder is null) return false;
        var vector = await embedder.EmbedAsync(probe, cancellationToken);
        var others = await Task.WhenAll(forms.Select(f => embedder.EmbedAsync(f, cancellationToken)));
        return others.Any(other => Knowledge.Embeddings.Vectors.Dot(vector, other) >= SameQuestion);
    }

    private static string Normalised(string question) => new MessageText(question).Joined;

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>Findings as they are printed, counted by severity.</summary>
    private sealed class Report(TextWriter output)
    {
        public int Errors { get; private set; }
        public int Warnings { get; private set; }

        public void Error(string message)
        {
            Errors++;
            output.WriteLine("  ERROR   " + message);
        }

        public void Warning(string message)
        {
            Warnings++;
            output.WriteLine("  WARNING " + message);
        }
    }
}
