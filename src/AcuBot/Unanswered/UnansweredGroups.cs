using AcuBot.Bot;
using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Unanswered;

/// <summary>
/// Unanswered questions that mean the same thing, as one entry for the clinic: the most asked wording,
/// the others, and the counts and times of them all together.
/// </summary>
public sealed record UnansweredGroup(string Question, IReadOnlyList<string> OtherWordings, int Count,
    DateTimeOffset FirstAsked, DateTimeOffset LastAsked, double? BestConfidence);

/// <summary>
/// Groups the log's questions by meaning: with the sentence model, a question joins the group whose
/// first (most asked) question is closest to it in meaning, if at least <see cref="SameMeaning"/>
/// close; without it, if the two share most of their content words. Greedy, most asked first, over
/// at most the <see cref="MaxQuestions"/> most asked wordings, so its cost stays bounded.
/// </summary>
public static class UnansweredGroups
{
    /// <summary>
    /// Cosines with all-MiniLM-L6-v2 (measured on this bot's model): wordings of one question 0.59-0.83
    /// ("is there parking" / "can I park at the clinic" 0.59, "do you take insurance" / "is my insurance
    /// accepted" 0.70, "what are your opening hours" / "when are you open" 0.73); different gaps of one
    /// clinic 0.09-0.35 ("can I park at the clinic" / "what are your opening hours" 0.19, "do you treat
    /// children" / "do you accept insurance" 0.31, "can I bring my child" / "do you treat children" 0.35).
    /// </summary>
    public const float SameMeaning = 0.55f;

    /// <summary>Without the model: the share of content words two wordings must have in common (Jaccard).</summary>
    public const double SameWords = 0.6;

    public const int MaxQuestions = 500;

    private static readonly HashSet<string> FunctionWords =
    [
        "a", "an", "the", "is", "are", "am", "was", "were", "be", "do", "does", "did", "can", "could", "will", "would", "should",
        "i", "you", "your", "we", "our", "my", "me", "it", "its", "to", "of", "in", "on", "at", "for", "with", "and", "or",
        "what", "whats", "how", "when", "where", "which", "who", "why", "there", "any", "this", "that", "if", "so", "please",
    ];

    public static async Task<IReadOnlyList<UnansweredGroup>> GroupAsync(IReadOnlyList<UnansweredSummary> summaries, BatchingEmbedder? embedder,
        CancellationToken cancellationToken = default)
    {
        var ordered = summaries.OrderByDescending(s => s.Count).ThenByDescending(s => s.LastAsked).Take(MaxQuestions).ToArray();
        var vectors = embedder is null ? null : await Task.WhenAll(ordered.Select(s => embedder.EmbedAsync(s.Question, cancellationToken)));
        var words = ordered.Select(s => ContentWords(s.Question)).ToArray();

        var groups = new List<List<int>>();
        for (var i = 0; i < ordered.Length; i++)
        {
            List<int>? best = null;
            var bestScore = double.MinValue;
            foreach (var group in groups)
            {
                var head = group[0];
                var score = vectors is not null ? Vectors.Dot(vectors[i], vectors[head]) : Jaccard(words[i], words[head]);
                if (score >= (vectors is not null ? SameMeaning : SameWords) && score > bestScore) (best, bestScore) = (group, score);
            }
            if (best is null) groups.Add([i]);
            else best.Add(i);
        }

        return groups.Select(group => group.Select(i => ordered[i]).ToArray())
            .Select(members => new UnansweredGroup(
                members[0].Question,
                members.Skip(1).Select(m => m.Question).Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(q => !string.Equals(q, members[0].Question, StringComparison.OrdinalIgnoreCase)).ToArray(),
                members.Sum(m => m.Count),
                members.Min(m => m.FirstAsked),
                members.Max(m => m.LastAsked),
                members.Max(m => m.BestConfidence)))
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.LastAsked)
            .ToArray();
    }

    private static HashSet<string> ContentWords(string question)
    {
        var words = new MessageText(question).Words.Where(w => !FunctionWords.Contains(w)).Select(Singular).ToHashSet(StringComparer.Ordinal);
        return words.Count > 0 ? words : new MessageText(question).Words.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>"hours" and "hour" alike: enough for telling wordings apart, without the index's stemmer.</summary>
    private static string Singular(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0) return 1;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }
}
