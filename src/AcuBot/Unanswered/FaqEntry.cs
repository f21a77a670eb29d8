namespace AcuBot.Unanswered;

/// <summary>
/// A ready-to-paste entry for a <c>*.faq.md</c> file from a group of unanswered questions: the most
/// asked wording as the question, the others as <c>Also asked:</c>, and an empty answer for the staff
/// to write (README, "Adding documents").
/// </summary>
public static class FaqEntry
{
    public const string AnswerPlaceholder = "(Write the clinic's answer here.)";

    /// <summary>At most this many other wordings: enough to match them, short enough to read.</summary>
    public const int MaxOtherWordings = 8;

    public static string For(UnansweredGroup group)
    {
        var question = OneLine(group.Question);
        var lines = new List<string> { "## " + AsQuestion(question) };
        var others = group.OtherWordings.Select(OneLine).Where(w => w.Length > 0).Take(MaxOtherWordings).ToArray();
        if (others.Length > 0) lines.Add("Also asked: " + string.Join(" | ", others));
        lines.Add("");
        lines.Add(AnswerPlaceholder);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>
    /// On one line, without what would break the entry: a "|" would split an "Also asked" form, a
    /// leading "#" would make a heading.
    /// </summary>
    private static string OneLine(string text) => PrintableText.Of(text).Replace('|', '/').Trim().TrimStart('#', ' ');

    private static string AsQuestion(string text)
    {
        if (text.Length == 0) return text;
        text = char.ToUpperInvariant(text[0]) + text[1..];
        return text.EndsWith('?') ? text : text.TrimEnd('.', '!', ' ') + "?";
    }
}
