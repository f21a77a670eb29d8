using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Checking;

/// <summary>
/// The index works on stems ("needl", "manix"), which a clinic cannot read: this gives back, for a stem,
/// a word as the clinic wrote it, in its documents or its synonym file ("needles", "manipulation").
/// Read-only, for explanations (<c>ask --explain</c>, <c>check</c>); built on demand, never on the answer path.
/// </summary>
public sealed class TermWords
{
    private readonly Dictionary<string, string> _wordOfStem;

    private TermWords(Dictionary<string, string> wordOfStem) => _wordOfStem = wordOfStem;

    /// <param name="synonymsText">The synonym file's text, for synonyms the documents never use; null when there is none.</param>
    public static TermWords Build(KnowledgeBase knowledge, PassageAnalyzer analyzer, string? synonymsText)
    {
        // Per stem, the word that stands for it most often in the documents ("needles" rather than "needled").
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var stemOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Count(string text)
        {
            foreach (var word in Words(text))
            {
                if (!stemOf.TryGetValue(word, out var stem)) stemOf[word] = stem = analyzer.Terms(word) is [var single] ? single : null;
                if (stem is null) continue;
                if (!counts.TryGetValue(stem, out var words)) counts[stem] = words = new Dictionary<string, int>(StringComparer.Ordinal);
                words[word] = words.GetValueOrDefault(word) + 1;
            }
        }
        foreach (var section in knowledge.Sections) Count(section.Title);
        foreach (var passage in knowledge.Passages) Count(passage.Text);
        var wordOfStem = counts.ToDictionary(c => c.Key, c => c.Value.OrderByDescending(w => w.Value).ThenBy(w => w.Key.Length).First().Key, StringComparer.Ordinal);
        foreach (var entry in SynonymEntries(synonymsText))
            if (analyzer.Terms(entry) is [var stem]) wordOfStem.TryAdd(stem, entry.ToLowerInvariant());
        return new TermWords(wordOfStem);
    }

    /// <summary>A readable word for <paramref name="stem"/>; the stem itself when no document or synonym uses it.</summary>
    public string For(string stem) => _wordOfStem.GetValueOrDefault(stem, stem);

    /// <summary>Lower-case words of a text, apostrophes kept inside ("don't").</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '’' && start >= 0));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].TrimEnd('\'', '’').ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>The entries of a synonym file (one group a line, comma-separated, <c>#</c> comments).</summary>
    public static IEnumerable<string> SynonymEntries(string? synonymsText) =>
        (synonymsText ?? "").ReplaceLineEndings("\n").Split('\n')
            .SelectMany(line => line.Split('#')[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
