using System.Text.RegularExpressions;

namespace AcuBot.Knowledge.Parsing;

/// <summary>
/// Markdown documents: ATX headings (<c># Title</c>) start sections; paragraphs are separated by blank
/// lines; list items are blocks of their own. Front matter, code fences, HTML comments and tables are
/// skipped; inline links keep their text; raw HTML tags are removed (<see cref="RawHtml"/>).
/// </summary>
public sealed partial class MarkdownParser : IDocumentParser
{
    [GeneratedRegex(@"^\s{0,3}(?<level>#{1,6})\s+(?<title>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex HeadingPattern();

    // Bounded lengths keep the scan linear: an unclosed "[" cannot make every later "[" read to the end.
    [GeneratedRegex(@"!?\[(?<text>[^\]\n]{0,500})\]\([^)\n]{0,2000}\)")]
    private static partial Regex LinkPattern();

    public IReadOnlyList<ParsedSection> Parse(string text, string fallbackTitle)
    {
        var lines = RawHtml.Strip(StripFrontMatter(WithoutComments(text.ReplaceLineEndings("\n")))).Split('\n');
        var sections = new List<ParsedSection>();
        var body = new BodyText.BlockBuilder(lineEndsParagraphAtSentenceEnd: false);
        string title = fallbackTitle;
        bool inFence = false;

        foreach (var raw in lines)
        {
            if (raw.TrimStart().StartsWith("```") || raw.TrimStart().StartsWith("~~~")) { inFence = !inFence; body.Flush(); continue; }
            if (inFence) continue;
            if (string.IsNullOrWhiteSpace(raw) || raw.TrimStart().StartsWith('|')) { body.Flush(); continue; }

            var heading = HeadingPattern().Match(raw);
            if (heading.Success)
            {
                var blocks = body.TakeBlocks();
                if (blocks.Count > 0) sections.Add(new ParsedSection(title, blocks));
                // An empty heading still ends the section above it: its text is not that section's.
                var headingText = Inline(heading.Groups["title"].Value);
                title = headingText.Length > 0 ? headingText : fallbackTitle;
                continue;
            }
            var line = raw.TrimStart().StartsWith('>') ? raw.TrimStart().TrimStart('>') : raw;
            if (!string.IsNullOrWhiteSpace(line)) body.Add(Inline(line.TrimEnd()) is { Length: > 0 } l ? KeepIndent(line, l) : line);
        }

        var last = body.TakeBlocks();
        if (last.Count > 0) sections.Add(new ParsedSection(title, last));
        return sections;
    }

    /// <summary>Replaces links and images with their text; emphasis stays, since replies are Markdown too.</summary>
    private static string Inline(string text) => LinkPattern().Replace(text, m => m.Groups["text"].Value).Trim();

    /// <summary>
    /// The line (1-based) of an HTML comment that is never closed, or null. Such a comment hides the rest of
    /// the file, as in a browser; the loader warns, since it is almost always a typing slip.
    /// </summary>
    public static int? UnclosedCommentLine(string text)
    {
        var start = text.IndexOf("<!--", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf("-->", start + 4, StringComparison.Ordinal);
            if (end < 0) return text.AsSpan(0, start).Count('\n') + 1;
            start = text.IndexOf("<!--", end + 3, StringComparison.Ordinal);
        }
        return null;
    }

    /// <summary>Removes HTML comments in one pass; an unclosed one runs to the end, as in a browser.</summary>
    private static string WithoutComments(string text)
    {
        var start = text.IndexOf("<!--", StringComparison.Ordinal);
        if (start < 0) return text;
        var kept = new System.Text.StringBuilder(text.Length);
        var from = 0;
        while (start >= 0)
        {
            kept.Append(text, from, start - from);
            var end = text.IndexOf("-->", start + 4, StringComparison.Ordinal);
            if (end < 0) return kept.ToString();
            from = end + 3;
            start = text.IndexOf("<!--", from, StringComparison.Ordinal);
        }
        return kept.Append(text, from, text.Length - from).ToString();
    }

    private static string KeepIndent(string original, string cleaned) =>
        char.IsWhiteSpace(original[0]) ? " " + cleaned : cleaned;

    private static string StripFrontMatter(string text)
    {
        if (!text.StartsWith("---\n")) return text;
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        return end < 0 ? text : text[(text.IndexOf('\n', end + 1) is var nl && nl < 0 ? text.Length : nl)..];
    }
}
