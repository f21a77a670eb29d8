namespace AcuBot.Knowledge.Search;

/// <summary>
/// Groups of words a patient may use for the same thing, read from the clinic's synonym file:
/// one group a line, comma-separated (<c>hurt, painful, sore, pinch</c>); <c>#</c> starts a comment.
/// Words are kept in their analysed (stemmed) form so they match the index.
/// </summary>
public sealed class SynonymMap
{
    private readonly Dictionary<string, string[]> _alternatives;

    private SynonymMap(Dictionary<string, string[]> alternatives) => _alternatives = alternatives;

    public static SynonymMap Empty { get; } = new([]);

    public int Count => _alternatives.Count;

    /// <summary>The other terms of every group <paramref name="term"/> belongs to (never the term itself).</summary>
    public IReadOnlyList<string> AlternativesOf(string term) =>
        _alternatives.TryGetValue(term, out var alternatives) ? alternatives : [];

    /// <summary>Parses a synonym file. Entries that analyse to no term or to several terms are reported and skipped.</summary>
    public static SynonymMap Parse(string text, PassageAnalyzer analyzer, out IReadOnlyList<string> problems)
    {
        var groups = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var skipped = new List<string>();
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Split('#')[0];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var terms = new List<string>();
            foreach (var entry in line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var analysed = analyzer.Terms(entry);
                if (analysed.Count == 1) terms.Add(analysed[0]);
                else skipped.Add($"line {lineNumber}: '{entry}' is a stop word or not a single word");
            }
            foreach (var term in terms)
            {
                if (!groups.TryGetValue(term, out var set)) groups[term] = set = [];
                set.UnionWith(terms.Where(t => t != term));
            }
        }
        problems = skipped;
        return new SynonymMap(groups.Where(g => g.Value.Count > 0).ToDictionary(g => g.Key, g => g.Value.Order().ToArray()));
    }
}
