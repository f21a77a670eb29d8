using AcuBot.Bot.Safety;
using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace AcuBot.Knowledge;

/// <summary>
/// What the bot answers from at one moment: the search index, the red-flag rules, and, when the
/// sentence model is loaded, the passages' vectors and the red-flag net built from the rules' examples.
/// </summary>
public sealed record KnowledgeSnapshot(KnowledgeIndex Index, RedFlagRules RedFlags, DenseIndex? Dense = null, SemanticRedFlagNet? RedFlagNet = null);

/// <summary>
/// Holds the knowledge the bot uses. Loading builds a new snapshot and swaps it in with one reference
/// write, so a turn that already took <see cref="Current"/> finishes on the snapshot it started with.
/// A reload that would lose a document because its file has become unreadable keeps the last good
/// snapshot instead, and says why.
/// </summary>
public sealed class KnowledgeService(
    IOptions<KnowledgeSourceOptions> source,
    IOptions<SearchTuning> tuning,
    IOptions<EmbeddingOptions> embedding,
    IHostEnvironment host,
    PassageAnalyzer analyzer,
    SentenceModel model,
    ILoggerFactory loggerFactory)
{
    /// <summary>The red-flag file the bot was built with, used when the clinic's copy is missing or unreadable.</summary>
    private const string BuiltInRedFlags = "AcuBot.default-red-flags.txt";

    private readonly ILogger _logger = loggerFactory.CreateLogger<KnowledgeService>();
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile KnowledgeSnapshot? _current;

    /// <summary>The knowledge in use. Throws before the first <see cref="Load"/>.</summary>
    public KnowledgeSnapshot Current => _current ?? throw new InvalidOperationException("The knowledge is not loaded yet.");

    public bool IsLoaded => _current is not null;

    /// <summary>Loads the knowledge folder and makes it current.</summary>
    public KnowledgeSnapshot Load()
    {
        var snapshot = Build(previous: null);
        _current = snapshot;
        return snapshot;
    }

    /// <summary>
    /// Loads the folder again and swaps the result in, unless a document the bot answers from now fails
    /// to load (a half-saved or broken edit): then the current snapshot stays. Returns whether it swapped.
    /// </summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var previous = _current;
            var next = Build(previous);
            var lost = previous is null ? [] : previous.Index.Knowledge.Documents.Where(next.Index.Knowledge.Skipped.ContainsKey).ToArray();
            if (lost.Length > 0)
            {
                foreach (var file in lost)
                    _logger.LogError("Kept the last good knowledge: {File} could not be loaded ({Reason})", file, next.Index.Knowledge.Skipped[file]);
                return false;
            }
            _current = next;
            _logger.LogInformation("Reloaded the knowledge: {Documents} documents, {Passages} passages",
                next.Index.Knowledge.Documents.Count, next.Index.Knowledge.Passages.Count);
            return true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    private KnowledgeSnapshot Build(KnowledgeSnapshot? previous)
    {
        var loader = new KnowledgeLoader(source.Value, analyzer, loggerFactory.CreateLogger<KnowledgeLoader>());
        // The previous index is left to the garbage collector rather than disposed: a turn may still be
        // searching it, and an in-memory index holds no file handles.
        var index = KnowledgeIndex.Build(loader.Load(), analyzer, tuning.Value);
        var redFlags = LoadRedFlags(previous?.RedFlags);
        if (model.Embedder?.Model is not { } embedder) return new KnowledgeSnapshot(index, redFlags);
        var dense = DenseIndex.Build(index.Knowledge, embedder, VectorCache("passage-vectors.bin"));
        var net = SemanticRedFlagNet.Build(redFlags, embedder, VectorCache("red-flag-vectors.bin"));
        return new KnowledgeSnapshot(index, redFlags, dense, net);
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
            _logger.LogError("Red-flag file {File} could not be read ({Reason}); using {Fallback}", source.Value.RedFlagsFile, ex.Message,
                lastGood is null ? "the built-in red flags" : "the last good red flags");
            return lastGood ?? RedFlagRules.Parse(ReadBuiltIn(), out _);
        }

        var rules = RedFlagRules.Parse(text, out var problems);
        foreach (var problem in problems)
            _logger.LogWarning("Red-flag file {File}, {Problem}", source.Value.RedFlagsFile, problem);
        if (rules.Count > 0) return rules;
        _logger.LogError("Red-flag file {File} has no usable pattern; using {Fallback}", source.Value.RedFlagsFile,
            lastGood is null ? "the built-in red flags" : "the last good red flags");
        return lastGood ?? RedFlagRules.Parse(ReadBuiltIn(), out _);
    }

    private static string ReadBuiltIn()
    {
        using var stream = typeof(KnowledgeService).Assembly.GetManifestResourceStream(BuiltInRedFlags)
            ?? throw new InvalidOperationException($"The built-in resource {BuiltInRedFlags} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
