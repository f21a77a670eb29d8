using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace AcuBot.Knowledge;

/// <summary>
/// Holds the index the bot searches. Loading builds a new index and swaps it in with one reference
/// write, so a turn that already took <see cref="Current"/> finishes on the index it started with.
/// </summary>
public sealed class KnowledgeService(
    IOptions<KnowledgeSourceOptions> source,
    IOptions<SearchTuning> tuning,
    PassageAnalyzer analyzer,
    ILoggerFactory loggerFactory)
{
    private volatile KnowledgeIndex? _current;

    /// <summary>The index in use. Throws before the first <see cref="Load"/>.</summary>
    public KnowledgeIndex Current => _current ?? throw new InvalidOperationException("The knowledge index is not loaded yet.");

    public bool IsLoaded => _current is not null;

    public KnowledgeIndex Load()
    {
        var loader = new KnowledgeLoader(source.Value, analyzer, loggerFactory.CreateLogger<KnowledgeLoader>());
        var index = KnowledgeIndex.Build(loader.Load(), analyzer, tuning.Value);
        // The previous index is left to the garbage collector rather than disposed: a turn may still be
        // searching it, and an in-memory index holds no file handles.
        _current = index;
        return index;
    }
}
