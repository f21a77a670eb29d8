using System.Text.RegularExpressions;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// Finds what a question compares ("is acupuncture better than physio?", "acupuncture vs chiropractor",
/// "yoga or acupuncture, which is better", "how does it compare with massage") and what the documents
/// compare. A comparison is answered only by a passage that makes it: an article that compares acupuncture
/// with medication answers "is it better than painkillers?", not "is it better than physio?", however
/// close in meaning the second question is to the passage about combining treatments.
/// </summary>
public static partial class Comparison
{
    /// <summary>
    /// The words (lower case) of the things compared, as written: the other side of "better than", both
    /// sides of "vs", "or ... which", "difference between ... and"; without the words that frame a side
    /// ("going to a", "just popping", "regular"). Empty when the text compares nothing, or compares
    /// with nothing named ("better than before", "better than nothing").
    /// </summary>
    public static IReadOnlyList<string> ComparedWords(string text)
    {
        text = text.ToLowerInvariant();
        List<string>? words = null;
        foreach (var pattern in Patterns)
            foreach (Match match in pattern.Matches(text))
                foreach (var side in new[] { match.Groups["a"], match.Groups["b"] })
                    if (side.Success)
                        foreach (Match word in Word().Matches(EndOfSide().Split(side.Value, 2)[0]))
                            if (!Framing.Contains(word.Value) && !StopWords.Set.Contains(word.Value))
                                (words ??= []).Add(word.Value);
        return words is null ? [] : words.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static readonly Regex[] Patterns = [Than(), Versus(), OrWhich(), WhichOr(), Compared(), Difference()];

    /// <summary>Words that frame a side rather than name it: "than going to a chiropractor", "vs just popping ibuprofen".</summary>
    private static readonly HashSet<string> Framing = new(StringComparer.Ordinal)
    {
        "going", "seeing", "getting", "living", "adding", "more", "less", "having", "taking", "popping", "using", "trying", "doing", "staying", "sticking",
        "visiting", "regular", "normal", "usual", "standard", "ordinary", "plain", "simple", "good", "old", "nothing",
        "before", "expected", "others", "people", "someone", "everyone", "anything", "last", "time", "now", "today",
        "one", "ones", "better", "best", "worse", "safer", "works", "work", "which", "should", "first",
    };

    // A side ends with its clause, or where the question goes on to what it is for: "better than physio for a bulging disc".
    [GeneratedRegex(@"\b(?:for|in|when|if|because|since|at|after|so|with my|with a)\b")]
    private static partial Regex EndOfSide();

    [GeneratedRegex(@"\p{L}[\p{L}-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?:(?<a>(?:[\p{L}-]+ )?[\p{L}-]+) )?\b(?:better|worse|safer|stronger|gentler|kinder|healthier|quicker|faster|easier|preferable|superior|more (?:effective|helpful|useful|natural|dangerous|risky|painful|relaxing)|less (?:effective|helpful|useful|dangerous|risky|painful)) (?:for (?:you|me|my back|back pain) )?than (?<b>[^,.;:?!\n]+)|\bas (?:good|effective|safe|helpful|useful) as (?<b>[^,.;:?!\n]+)")]
    private static partial Regex Than();

    [GeneratedRegex(@"(?<a>(?:[\p{L}-]+ ){0,2}[\p{L}-]+) (?:vs|versus)\.? (?<b>[^,.;:?!\n]+)")]
    private static partial Regex Versus();

    // "yoga or acupuncture, which one's better", "acupuncture or physio, which should i do first"
    [GeneratedRegex(@"(?<a>(?:[\p{L}-]+ ){0,1}[\p{L}-]+) or (?<b>(?:[\p{L}-]+ ){0,2}[\p{L}-]+),? which\b")]
    private static partial Regex OrWhich();

    // "which is better, acupuncture or massage"
    [GeneratedRegex(@"\bwhich (?:one )?(?:is|works|would be|is the)? ?(?:better|best|safer|more effective)(?: for [^,?]*?)?,? (?<a>(?:[\p{L}-]+ ){0,2}[\p{L}-]+) or (?<b>[^,.;:?!\n]+)")]
    private static partial Regex WhichOr();

    // "how does acupuncture compare with physiotherapy", "compared to conventional medication", "comparing acupuncture with staying on her pills"
    [GeneratedRegex(@"\bcompar(?:e|es|ed|ing|ison)(?: (?:it|acupuncture|this|them|that))?(?: (?:to|with|against)) (?<b>[^,.;:?!\n]+)")]
    private static partial Regex Compared();

    [GeneratedRegex(@"\bdifferen(?:ce|t) between (?<a>[^,.;:?!\n]+?) and (?<b>[^,.;:?!\n]+)|\bdifferent (?:from|to|than) (?!how|what|when|where|why|who|the way)(?<b>[^,.;:?!\n]+)")]
    private static partial Regex Difference();
}
