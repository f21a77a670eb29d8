using System.Collections.Concurrent;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// The analysed terms of the knowledge base with their document frequencies (over passages, each
/// passage counted with its section title). Gives each term its weight (rare terms say more about a
/// question than "acupuncture", which is everywhere here) and finds the known word nearest to a typo.
/// Spelling is corrected on words as written ("brusing" is one letter from "bruising"), not on stems,
/// which typos distort ("brus" and "bruis" are two apart).
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly Dictionary<string, string> _stemOfWord;
    private readonly Dictionary<int, string[]> _wordsByLength;
    private readonly ConcurrentDictionary<string, string?> _corrections = new(StringComparer.Ordinal);
    private const int MaxCachedCorrections = 10_000;

    /// <param name="documentFrequency">Passages each term (stem) occurs in.</param>
    /// <param name="stemOfWord">Every word as written in the knowledge, with its stem.</param>
    public Vocabulary(Dictionary<string, int> documentFrequency, Dictionary<string, string> stemOfWord, int passageCount)
    {
        _documentFrequency = documentFrequency;
        _stemOfWord = stemOfWord;
        PassageCount = passageCount;
        _wordsByLength = stemOfWord.Keys.GroupBy(t => t.Length).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int PassageCount { get; }
    public int Count => _documentFrequency.Count;

    public int DocumentFrequency(string term) => _documentFrequency.GetValueOrDefault(term);

    public bool Contains(string term) => _documentFrequency.ContainsKey(term);

    /// <summary>The stem of a word the knowledge uses as written ("needles": "needl"), without analysing it again.</summary>
    public bool TryGetStem(string word, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? stem) =>
        _stemOfWord.TryGetValue(word, out stem);

    /// <summary>BM25's inverse document frequency; an unknown term weighs the most.</summary>
    public double Weight(string term) => InverseDocumentFrequency(DocumentFrequency(term));

    public double MaxWeight => InverseDocumentFrequency(0);

    private double InverseDocumentFrequency(int df) => Math.Log(1 + (PassageCount - df + 0.5) / (df + 0.5));

    /// <summary>
    /// The stem of the known word closest to <paramref name="word"/> as written (a typo: "neddles" finds
    /// "needles", so "needl"), or null. Words under five letters get no correction (too many near
    /// neighbours); up to two edits from eight letters on. The first letter must agree: typos rarely hit
    /// it, and without that rule "cost" would become "most". Ties go to the more frequent term.
    /// </summary>
    public string? Correct(string word) => CorrectWritten(word) is { } written ? _stemOfWord[written] : null;

    /// <summary>The known word closest to <paramref name="word"/>, as the knowledge writes it ("neddles": "needles"); null as for <see cref="Correct"/>.</summary>
    public string? CorrectWritten(string word)
    {
        if (word.Length < 5 || _stemOfWord.ContainsKey(word)) return null;
        if (_corrections.TryGetValue(word, out var cached)) return cached;

        int maxEdits = word.Length >= 8 ? 2 : 1;
        string? best = null;
        int bestDistance = maxEdits + 1, bestFrequency = 0;
        for (int length = word.Length - maxEdits; length <= word.Length + maxEdits; length++)
        {
            if (!_wordsByLength.TryGetValue(length, out var candidates)) continue;
            foreach (var candidate in candidates)
            {
                if (candidate[0] != word[0]) continue;
                var distance = EditDistance.Compute(word, candidate, bestDistance);
                var frequency = _documentFrequency.GetValueOrDefault(_stemOfWord[candidate]);
                if (distance < bestDistance || (distance == bestDistance && distance <= maxEdits && frequency > bestFrequency))
                {
                    (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
                }
            }
        }
        var written = bestDistance <= maxEdits ? best : null;

        if (_corrections.Count >= MaxCachedCorrections) _corrections.Clear();
        _corrections[word] = written;
        return written;
    }
}
