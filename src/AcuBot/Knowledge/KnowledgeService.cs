using AcuBot.Bot.Safety;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace AcuBot.Knowledge;

/// <summary>What the bot answers from at one moment: the search index and the red-flag rules.</summary>
public sealed record KnowledgeSnapshot(KnowledgeIndex Index, RedFlagRules RedFlags);

/// <summary>
/// Holds the knowledge the bot uses. Loading builds a new snapshot and swaps it in with one reference
/// write, so a turn that already took <see cref="Current"/> finishes on the snapshot it started with.
/// </summary>
public sealed class KnowledgeService(
    IOptions<KnowledgeSourceOptions> source,
    IOptions<SearchTuning> tuning,
    PassageAnalyzer analyzer,
    ILoggerFactory loggerFactory)
{
    /// <summary>The red-flag file the bot was built with, used when the clinic's copy is missing or unreadable.</summary>
    private const string BuiltInRedFlags = "AcuBot.default-red-flags.txt";

    private readonly ILogger _logger = loggerFactory.CreateLogger<KnowledgeService>();
    private volatile KnowledgeSnapshot? _current;

    /// <summary>The knowledge in use. Throws before the first <see cref="Load"/>.</summary>
    public KnowledgeSnapshot Current => _current ?? throw new InvalidOperationException("The knowledge is not loaded yet.");

    public bool IsLoaded => _current is not null;

    public KnowledgeSnapshot Load()
    {
        var loader = new KnowledgeLoader(source.Value, analyzer, loggerFactory.CreateLogger<KnowledgeLoader>());
        var index = KnowledgeIndex.Build(loader.Load(), analyzer, tuning.Value);
        var snapshot = new KnowledgeSnapshot(index, LoadRedFlags());
        // The previous index is left to the garbage collector rather than disposed: a turn may still be
        // searching it, and an in-memory index holds no file handles.
        _current = snapshot;
        return snapshot;
    }

    private RedFlagRules LoadRedFlags()
    {
        var path = Path.Combine(source.Value.Folder, source.Value.RedFlagsFile);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Red-flag file {File} could not be read ({Reason}); using the built-in red flags", source.Value.RedFlagsFile, ex.Message);
            text = ReadBuiltIn();
        }

        var rules = RedFlagRules.Parse(text, out var problems);
        foreach (var problem in problems)
            _logger.LogWarning("Red-flag file {File}, {Problem}", source.Value.RedFlagsFile, problem);
        if (rules.Count == 0)
        {
            _logger.LogError("Red-flag file {File} has no usable pattern; using the built-in red flags", source.Value.RedFlagsFile);
            rules = RedFlagRules.Parse(ReadBuiltIn(), out _);
        }
        return rules;
    }

    private static string ReadBuiltIn()
    {
        using var stream = typeof(KnowledgeService).Assembly.GetManifestResourceStream(BuiltInRedFlags)
            ?? throw new InvalidOperationException($"The built-in resource {BuiltInRedFlags} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
