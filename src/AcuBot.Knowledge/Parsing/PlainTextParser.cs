namespace AcuBot.Knowledge.Parsing;

/// <summary>
/// Plain text whose headings are lines of their own. A heading is a short line with no final
/// punctuation (a question mark is allowed: "Who Can Benefit from Acupuncture?") that is followed by
/// body text. It starts with a capital or a digit and does not continue a sentence the line before left
/// open, so the lines of a hard-wrapped paragraph are never mistaken for headings. Everything else is body.
/// </summary>
public sealed class PlainTextParser : IDocumentParser
{
    private const int MaxHeadingLength = 120;
    private const int MaxHeadingWords = 16;

    public IReadOnlyList<ParsedSection> Parse(string text, string fallbackTitle)
    {
        // Replies are Markdown, so HTML in a plain-text file would be rendered too.
        var lines = RawHtml.Strip(text.ReplaceLineEndings("\n")).Split('\n');
        var sections = new List<ParsedSection>();
        var body = new BodyText.BlockBuilder(lineEndsParagraphAtSentenceEnd: true);
        string title = fallbackTitle;

        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) { body.Flush(); continue; }

            if (IsHeading(lines, i))
            {
                var blocks = body.TakeBlocks();
                if (blocks.Count > 0) sections.Add(new ParsedSection(title, blocks));
                title = line.Trim();
                continue;
            }
            body.Add(line);
        }

        var last = body.TakeBlocks();
        if (last.Count > 0) sections.Add(new ParsedSection(title, last));
        return sections;
    }

    private static bool IsHeading(string[] lines, int index)
    {
        if (!LooksLikeHeading(lines[index]) || char.IsLower(lines[index].TrimStart()[0])) return false;
        if (ContinuesSentence(lines, index) || IsContinuedBelow(lines, index)) return false;
        var next = NextNonBlank(lines, index);
        return next is not null && StartsBody(lines, next.Value);
    }

    /// <summary>The line right above is body text that stops mid-sentence, so this line goes on with it.</summary>
    private static bool ContinuesSentence(string[] lines, int index)
    {
        if (index == 0 || string.IsNullOrWhiteSpace(lines[index - 1])) return false;
        var previous = lines[index - 1];
        return !BodyText.EndsSentence(previous) && !BodyText.IsListItem(previous, out _) && !LooksLikeHeading(previous);
    }

    /// <summary>
    /// Body text starts here: the line does not look like a heading, or it is the first line of a
    /// hard-wrapped paragraph.
    /// </summary>
    private static bool StartsBody(string[] lines, int index) => !LooksLikeHeading(lines[index]) || IsContinuedBelow(lines, index);

    /// <summary>The next line carries this one on in lower case: a hard-wrapped sentence.</summary>
    private static bool IsContinuedBelow(string[] lines, int index) =>
        index + 1 < lines.Length && lines[index + 1].TrimStart() is { Length: > 0 } following && char.IsLower(following[0]);

    private static bool LooksLikeHeading(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length is 0 or > MaxHeadingLength) return false;
        if (BodyText.IsListItem(line, out _)) return false;
        if (char.IsWhiteSpace(line[0])) return false;
        var last = trimmed[^1];
        if (last is '.' or ',' or ';' or ':' or '!') return false;
        if (!char.IsLetter(trimmed[0]) && !char.IsDigit(trimmed[0])) return false;
        return trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxHeadingWords;
    }

    private static int? NextNonBlank(string[] lines, int index)
    {
        for (int j = index + 1; j < lines.Length; j++)
            if (!string.IsNullOrWhiteSpace(lines[j])) return j;
        return null;
    }
}
