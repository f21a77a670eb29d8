using AcuBot.Bot.Safety;
using AcuBot.Bot.SmallTalk;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace AcuBot.Knowledge;

/// <summary>
/// What the bot answers from at one moment: the search index, the red-flag rules, and, when the
/// sentence model is loaded, the passages' vectors, the red-flag net built from the rules' examples, the
/// questions the documents do not answer and the examples of small talk.
/// </summary>
public sealed record KnowledgeSnapshot(KnowledgeIndex Index, RedFlagRules RedFlags, DenseIndex? Dense = null, SemanticRedFlagNet? RedFlagNet = null)
{
    /// <summary>With the sentence model: the examples of questions the documents do not answer (maybe none).</summary>
    public NotAnsweredExamples? NotAnswered { get; init; }

    /// <summary>With the sentence model: the examples of small talk, for the messages its patterns do not know.</summary>
    public SmallTalkExamples? SmallTalk { get; init; }

    /// <summary>The files whose current state is not in use (their last good version is, if they had one), and why.</summary>
    public IReadOnlyList<HeldBackFile> HeldBack { get; init; } = [];
}

/// <summary>
/// Holds the knowledge the bot uses. Loading builds a new snapshot and swaps it in with one reference
/// write, so a turn that already took <see cref="Current"/> finishes on the snapshot it started with.
/// Each file is chosen on its own (<see cref="LastGoodDocuments"/>): one that is unreadable, vanished or
/// cut short keeps its last good version while every other file's edits apply, and is listed in
/// <see cref="KnowledgeSnapshot.HeldBack"/> and the log.
/// </summary>
public sealed class KnowledgeService(
    IOptions<KnowledgeSourceOptions> source,
    IOptions<SearchTuning> tuning,
    IOptions<EmbeddingOptions> embedding,
    IHostEnvironment host,
    PassageAnalyzer analyzer,
    SentenceModel model,
    TimeProvider clock,
    ILoggerFactory loggerFactory)
{
    /// <summary>The red-flag file the bot was built with, used when the clinic's copy is missing or unreadable.</summary>
    private const string BuiltInRedFlags = "AcuBot.default-red-flags.txt";

    private readonly ILogger _logger = loggerFactory.CreateLogger<KnowledgeService>();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile KnowledgeSnapshot? _current;

    /// <summary>Each file's last good version; replaced only together with <see cref="_current"/>, under <see cref="_reloading"/>.</summary>
    private LastGoodDocuments _lastGood = LastGoodDocuments.None;

    /// <summary>The knowledge in use. Throws before the first <see cref="Load"/>.</summary>
    public KnowledgeSnapshot Current => _current ?? throw new InvalidOperationException("The knowledge is not loaded yet.");

    public bool IsLoaded => _current is not null;

    /// <summary>
    /// How long until a held-back file that vanished or shrank may be accepted, if it stays as it is; a
    /// reload then decides (no change to the folder may come to trigger one). Null when none is waiting.
    /// </summary>
    public TimeSpan? HeldBackDecisionDueIn =>
        _current?.HeldBack.Where(h => h.Until is not null).Min(h => h.Until) is { } until ? until - clock.GetUtcNow() : null;

    /// <summary>Loads the knowledge folder and makes it current.</summary>
    public KnowledgeSnapshot Load()
    {
        _reloading.Wait();
        try
        {
            return Swap(previous: null, LastGoodDocuments.None);
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>
    /// Loads the folder again and swaps the result in. A file that is unreadable, vanished or cut short
    /// keeps its last good version (see <see cref="LastGoodDocuments"/>); the other files apply as they are.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var next = Swap(_current, _lastGood);
            KnowledgeLog.Reloaded(_logger, next.Index.Knowledge.Documents.Count, next.Index.Knowledge.Passages.Count, next.HeldBack.Count, null);
        }
        finally
        {
            _reloading.Release();
        }
    }

    private KnowledgeSnapshot Swap(KnowledgeSnapshot? previous, LastGoodDocuments lastGood)
    {
        var loader = new KnowledgeLoader(source.Value, analyzer, loggerFactory.CreateLogger<KnowledgeLoader>());
        var folder = loader.ReadFolder();
        var selection = lastGood.Choose(folder.Files, source.Value.HoldBackFor, clock.GetUtcNow());
        var skipped = folder.Files.Where(f => f.Problem is not null).ToDictionary(f => f.Name, f => f.Problem!);
        var knowledge = loader.Assemble(selection.Documents, folder.Synonyms, skipped);
        var snapshot = Build(knowledge, previous) with { HeldBack = selection.HeldBack };
        _current = snapshot;
        _lastGood = selection.Next;
        foreach (var change in selection.Accepted)
            KnowledgeLog.Accepted(_logger, change.File, source.Value.HoldBackFor, change.Change, null);
        foreach (var file in selection.HeldBack)
            KnowledgeLog.HeldBack(_logger, file.File, file.Reason, null);
        return snapshot;
    }

    private Task _vectorsReady = Task.CompletedTask;

    /// <summary>Completes when the current knowledge's passages have their vectors (at once, unless many were new).</summary>
    public Task VectorsReady => _vectorsReady;

    /// <summary>Set while passages are being embedded in the background: how many, for <c>/healthz</c>.</summary>
    public int? PassagesBeingEmbedded { get; private set; }

    private KnowledgeSnapshot Build(KnowledgeBase knowledge, KnowledgeSnapshot? previous)
    {
        // The previous index is left to the garbage collector rather than disposed: a turn may still be
        // searching it, and an in-memory index holds no file handles.
        var index = KnowledgeIndex.Build(knowledge, analyzer, tuning.Value);
        var redFlags = LoadRedFlags(previous?.RedFlags);
        if (model.Embedder?.Model is not { } embedder) return new KnowledgeSnapshot(index, redFlags);
        // The red-flag examples are few, and a safety net: it is always ready with the knowledge.
        var smallTalk = SmallTalkExamples.Build(embedder, VectorCache("small-talk-vectors.bin"));
        var net = SemanticRedFlagNet.Build(redFlags, embedder, VectorCache("red-flag-vectors.bin"), smallTalk.Vectors);
        var cache = VectorCache("passage-vectors.bin");
        var missing = DenseIndex.TextsToEmbed(index.Knowledge, embedder, cache);
        // Passages cost about 5-10 ms each on two cores: 10,000 new ones would keep a first start waiting for
        // minutes, so from Embeddings:BackgroundFrom on they are embedded while the bot answers lexically.
        // The questions the documents do not answer weigh only against passage vectors, so they come with them.
        if (missing < embedding.Value.BackgroundFrom)
            return new KnowledgeSnapshot(index, redFlags, DenseIndex.Build(index.Knowledge, embedder, cache), net) { NotAnswered = BuildNotAnswered(embedder), SmallTalk = smallTalk };
        var lexical = new KnowledgeSnapshot(index, redFlags, RedFlagNet: net) { SmallTalk = smallTalk };
        _vectorsReady = Task.Run(() => AddVectors(lexical, embedder, cache, missing));
        return lexical;
    }

    private NotAnsweredExamples BuildNotAnswered(ISentenceEmbedder embedder) =>
        NotAnsweredExamples.Build(LoadNotAnswered(), embedder, VectorCache("not-answered-vectors.bin"));

    /// <summary>
    /// Embeds the passages of <paramref name="lexical"/> (and the questions the documents do not answer) and
    /// gives the snapshot in use its vectors, unless a reload has replaced that knowledge meanwhile (the
    /// reload embeds its own, mostly from the cache).
    /// </summary>
    private void AddVectors(KnowledgeSnapshot lexical, ISentenceEmbedder embedder, PassageVectorCache cache, int missing)
    {
        PassagesBeingEmbedded = missing;
        KnowledgeLog.EmbeddingInBackground(_logger, missing, null);
        try
        {
            var notAnswered = BuildNotAnswered(embedder);
            var dense = DenseIndex.Build(lexical.Index.Knowledge, embedder, cache);
            // The snapshot in use is a copy of this one (Swap adds what is held back); it takes the vectors
            // only while it is still this knowledge's.
            for (var current = _current; current?.Index == lexical.Index && current.Dense is null; current = _current)
            {
                if (Interlocked.CompareExchange(ref _current, current with { Dense = dense, NotAnswered = notAnswered }, current) != current) continue;
                KnowledgeLog.EmbeddedInBackground(_logger, missing, null);
                break;
            }
        }
        catch (Exception ex)
        {
            KnowledgeLog.EmbeddingFailed(_logger, ex);
        }
        finally
        {
            PassagesBeingEmbedded = null;
        }
    }

    private PassageVectorCache VectorCache(string fileName)
    {
        var folder = embedding.Value.CacheFolder;
        var path = folder.Length == 0 ? null : Path.Combine(Path.GetFullPath(folder, host.ContentRootPath), fileName);
        return new PassageVectorCache(path, _logger);
    }

    /// <param name="lastGood">On a reload, the rules in use: kept when the file has become unusable.</param>
    private RedFlagRules LoadRedFlags(RedFlagRules? lastGood)
    {
        var path = Path.Combine(source.Value.Folder, source.Value.RedFlagsFile);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            KnowledgeLog.RedFlagsUnreadable(_logger, source.Value.RedFlagsFile, ex.Message,
                lastGood is null ? "the built-in red flags" : "the last good red flags", null);
            return lastGood ?? RedFlagRules.Parse(ReadBuiltIn(), out _);
        }

        var rules = RedFlagRules.Parse(text, out var problems);
        foreach (var problem in problems)
            KnowledgeLog.RedFlagsProblem(_logger, source.Value.RedFlagsFile, problem, null);
        if (rules.Count > 0) return rules;
        KnowledgeLog.RedFlagsUnusable(_logger, source.Value.RedFlagsFile,
            lastGood is null ? "the built-in red flags" : "the last good red flags", null);
        return lastGood ?? RedFlagRules.Parse(ReadBuiltIn(), out _);
    }

    /// <summary>
    /// The questions the documents do not answer. Unlike the red flags there is no built-in copy: they
    /// describe this clinic's documents, and without them the bot only answers less by meaning.
    /// </summary>
    private IReadOnlyList<string> LoadNotAnswered()
    {
        var file = source.Value.NotAnsweredFile;
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(source.Value.Folder, file));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            KnowledgeLog.NotAnsweredUnreadable(_logger, file, ex.Message, null);
            return [];
        }
        var questions = NotAnsweredExamples.Parse(text, out var problems);
        foreach (var problem in problems)
            KnowledgeLog.NotAnsweredProblem(_logger, file, problem, null);
        return questions;
    }

    private static string ReadBuiltIn()
    {
        using var stream = typeof(KnowledgeService).Assembly.GetManifestResourceStream(BuiltInRedFlags)
            ?? throw new InvalidOperationException($"The built-in resource {BuiltInRedFlags} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
