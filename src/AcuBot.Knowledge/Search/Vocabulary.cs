using System.Collections.Concurrent;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// The analysed terms of the knowledge base with their document frequencies (over passages, each
/// passage counted with its section title). Gives each term its weight (rare terms say more about a
/// question than "acupuncture", which is everywhere here) and finds the known term nearest to a typo.
/// </summary>
public sealed class Vocabulary
{
    private readonly Dictionary<string, int> _documentFrequency;
    private readonly Dictionary<int, string[]> _termsByLength;
    private readonly ConcurrentDictionary<string, string?> _corrections = new(StringComparer.Ordinal);
    private const int MaxCachedCorrections = 10_000;

    public Vocabulary(Dictionary<string, int> documentFrequency, int passageCount)
    {
        _documentFrequency = documentFrequency;
        PassageCount = passageCount;
        _termsByLength = documentFrequency.Keys.GroupBy(t => t.Length).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int PassageCount { get; }
    public int Count => _documentFrequency.Count;

    public int DocumentFrequency(string term) => _documentFrequency.GetValueOrDefault(term);

    public bool Contains(string term) => _documentFrequency.ContainsKey(term);

    /// <summary>BM25's inverse document frequency; an unknown term weighs the most.</summary>
    public double Weight(string term) => InverseDocumentFrequency(DocumentFrequency(term));

    public double MaxWeight => InverseDocumentFrequency(0);

    private double InverseDocumentFrequency(int df) => Math.Log(1 + (PassageCount - df + 0.5) / (df + 0.5));

    /// <summary>
    /// The known term closest to <paramref name="term"/> (a typo: "neddl" finds "needl"), or null.
    /// Short terms get no correction (too many near neighbours); up to two edits from seven letters on.
    /// Ties go to the more frequent term.
    /// </summary>
    public string? Correct(string term)
    {
        if (term.Length < 4 || Contains(term)) return null;
        if (_corrections.TryGetValue(term, out var cached)) return cached;

        int maxEdits = term.Length >= 7 ? 2 : 1;
        string? best = null;
        int bestDistance = maxEdits + 1, bestFrequency = 0;
        for (int length = term.Length - maxEdits; length <= term.Length + maxEdits; length++)
        {
            if (!_termsByLength.TryGetValue(length, out var candidates)) continue;
            foreach (var candidate in candidates)
            {
                var distance = EditDistance.Compute(term, candidate, bestDistance);
                var frequency = _documentFrequency[candidate];
                if (distance < bestDistance || (distance == bestDistance && distance <= maxEdits && frequency > bestFrequency))
                {
                    (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
                }
            }
        }
        if (bestDistance > maxEdits) best = null;

        if (_corrections.Count >= MaxCachedCorrections) _corrections.Clear();
        _corrections[term] = best;
        return best;
    }
}
