namespace AcuBot.Bot;

/// <summary>
/// A label short enough to read on a phone for a suggested follow-up, whose button still sends the whole
/// text: "Understanding the Risks Associated with Acupuncture" shows "Risks", "What to Expect During an
/// Acupuncture Session" shows "What to expect". The label keeps the title's head words: leading
/// filler ("Understanding", "Discover") goes, and the title is cut before its first connecting word
/// ("of", "with", "during"), after two words for a title that asks ("Who can benefit").
/// </summary>
public static class ButtonLabel
{
    /// <summary>About what a Web Chat button shows on a 360-pixel-wide phone screen.</summary>
    public const int MaxLength = 28;

    private static readonly HashSet<string> LeadingFiller = new(StringComparer.OrdinalIgnoreCase)
        { "understanding", "discover", "discovering", "explore", "exploring", "introduction", "introducing", "overview", "about", "the", "a", "an" };

    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
        { "of", "for", "with", "during", "from", "on", "in", "to", "and", "associated", "related", "about", "at", "by", "before", "after" };

    private static readonly HashSet<string> QuestionWords = new(StringComparer.OrdinalIgnoreCase)
        { "what", "how", "who", "why", "when", "where", "which", "can", "does", "do", "is", "are", "will", "should" };

    /// <summary>Labels already made: buttons are the same few section titles and example questions again and again.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Made = new(StringComparer.Ordinal);

    /// <summary>Bounds <see cref="Made"/> (a clinic has tens of sections, not thousands).</summary>
    private const int MaxRemembered = 1_000;

    public static string For(string text)
    {
        if (text.Length <= MaxLength) return text;
        if (Made.TryGetValue(text, out var made)) return made;
        if (Made.Count >= MaxRemembered) Made.Clear();
        return Made[text] = Shorten(text);
    }

    private static string Shorten(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        var words = (colon > 10 ? text[..colon] : text).TrimEnd('?', '.', '!').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && LeadingFiller.Contains(words[0])) words.RemoveAt(0);
        var asks = words.Count > 0 && QuestionWords.Contains(words[0]);
        var cut = words.FindIndex(asks ? 2 : 1, w => Connectors.Contains(w));
        if (cut > 0) words = words[..cut];
        var label = SentenceCase(words);
        return label.Length <= MaxLength ? label : CutToLength(label);
    }

    /// <summary>Whole words up to the length, then an ellipsis.</summary>
    private static string CutToLength(string label)
    {
        var end = label.LastIndexOf(' ', MaxLength - 1);
        return (end > 0 ? label[..end] : label[..(MaxLength - 1)]) + "…";
    }

    /// <summary>Title Case reads as shouting on a small button: "What to expect"; acronyms ("GP") stay as written.</summary>
    private static string SentenceCase(List<string> words) => string.Join(' ', words.Select((word, i) =>
        i == 0 ? char.ToUpperInvariant(word[0]) + word[1..]
        : word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? word
        : word.ToLowerInvariant()));
}
