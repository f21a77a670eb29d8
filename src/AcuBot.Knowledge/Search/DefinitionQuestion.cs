using System.Text.RegularExpressions;

namespace AcuBot.Knowledge.Search;

/// <summary>Recognises "what is X?" questions, which want the passage that defines X rather than any mention of it.</summary>
public static partial class DefinitionQuestion
{
    /// <summary>The X of "what is X?", "what are X", "what does X mean", "define X"; null for other questions.</summary>
    public static string? Subject(string question)
    {
        var match = Pattern().Match(question.Trim());
        return match.Success ? match.Groups["subject"].Value : null;
    }

    [GeneratedRegex(@"^(?:(?:so |and |ok )?what(?:'s|’s| is| are)|define|meaning of|explain) (?:an? |the )?(?<subject>[\p{L}\p{N} -]{2,40}?)(?: exactly| actually)?\??$|^what does (?:an? |the )?(?<subject>[\p{L}\p{N} -]{2,40}?) mean\??$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
