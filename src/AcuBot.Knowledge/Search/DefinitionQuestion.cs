using System.Text.RegularExpressions;

namespace AcuBot.Knowledge.Search;

/// <summary>Recognises "what is X?" questions, which want the passage that defines X rather than any mention of it.</summary>
public static partial class DefinitionQuestion
{
    /// <summary>The X of "what is X?", "what are X", "what does X mean", "define X", "X?" (one word), "X, what's that"; null for other questions.</summary>
    public static string? Subject(string question)
    {
        var match = Pattern().Match(question.Trim());
        return match.Success ? match.Groups["subject"].Value : null;
    }

    /// <remarks>
    /// Patients pad the question ("what exactly is acupuncture, in plain english?", "wat even is qi"):
    /// an adverb after the question word and a trailing "in plain english", "please" or "anyway" are allowed.
    /// </remarks>
    [GeneratedRegex(@"^(?:(?:so |and |ok |um )?(?:what|wat|wot)(?:'s|’s|s)?(?: exactly| actually| even| really)?(?: is| are)?|define|meaning of|explain) (?:an? |the )?(?<subject>[\p{L}\p{N} -]{2,40}?)(?: exactly| actually| even| really| then| anyway)?(?:,? (?:in plain english|in simple terms|please|anyway))?\??$|^what does (?:an? |the )?(?<subject>[\p{L}\p{N} -]{2,40}?) mean\??$|^(?<subject>[\p{L}\p{N}-]{2,40})\?+$|^(?<subject>[\p{L}\p{N} -]{2,40}?),? (?:what's|what’s|whats|what is|wat is|wats|wot is) (?:that|it)\??$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
