namespace AcuBot.Knowledge.Parsing;

/// <summary>
/// Plain text whose headings are lines of their own. A heading is a short line with no final
/// punctuation (a question mark is allowed: "Who Can Benefit from Acupuncture?") that is followed by
/// body text; everything else is body.
/// </summary>
public sealed class PlainTextParser : IDocumentParser
{
    private const int MaxHeadingLength = 120;
    private const int MaxHeadingWords = 16;

    public IReadOnlyList<ParsedSection> Parse(string text, string fallbackTitle)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var sections = new List<ParsedSection>();
        var body = new BodyText.BlockBuilder();
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
        if (!LooksLikeHeading(lines[index])) return false;
        var next = NextNonBlank(lines, index);
        // Followed by body text: a heading right before another heading-like line, or at the end, is body.
        return next is not null && !LooksLikeHeading(next);
    }

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

    private static string? NextNonBlank(string[] lines, int index)
    {
        for (int j = index + 1; j < lines.Length; j++)
            if (!string.IsNullOrWhiteSpace(lines[j])) return lines[j];
        return null;
    }
}
