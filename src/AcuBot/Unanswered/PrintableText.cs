namespace AcuBot.Unanswered;

/// <summary>
/// Text without control characters: a question stored or printed by <c>unanswered</c> must not carry
/// terminal escapes (ESC sequences can rewrite the screen, fake output, or worse). Line breaks and tabs
/// become spaces; other control and format characters are dropped.
/// </summary>
public static class PrintableText
{
    public static string Of(string text)
    {
        if (!text.Any(NeedsWork)) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\t') kept.Append(' ');
            else if (!NeedsWork(c)) kept.Append(c);
        }
        return kept.ToString();
    }

    // Cc (C0, DEL, C1) and the bidirectional overrides, which reorder what a terminal shows.
    private static bool NeedsWork(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
