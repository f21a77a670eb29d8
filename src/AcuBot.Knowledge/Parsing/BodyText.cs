using System.Text.RegularExpressions;

namespace AcuBot.Knowledge.Parsing;

/// <summary>
/// Reading of body lines shared by the plain-text and Markdown parsers: list items, and paragraphs that
/// were hard-wrapped over several lines.
/// </summary>
internal static partial class BodyText
{
    // "\s+" then "\S" cannot overlap, so a marker followed by a long run of spaces is matched in linear time.
    [GeneratedRegex(@"^\s*(?:[-*+•–]|\d{1,3}[.)])\s+(?<item>\S.*)$")]
    private static partial Regex ListItemPattern();

    public static bool IsListItem(string line, out string item)
    {
        var match = ListItemPattern().Match(line);
        item = match.Success ? match.Groups["item"].Value.Trim() : "";
        return match.Success;
    }

    /// <summary>Collects body lines into blocks; call <see cref="Flush"/> at blank lines and headings.</summary>
    /// <param name="lineEndsParagraphAtSentenceEnd">
    /// Plain text: a line that ends a sentence ends its paragraph, since clinics' documents often put one
    /// paragraph per line with no blank line between. Markdown: only blank lines end paragraphs.
    /// </param>
    public sealed class BlockBuilder(bool lineEndsParagraphAtSentenceEnd)
    {
        private readonly List<TextBlock> _blocks = [];
        private readonly List<string> _paragraph = [];
        private string? _item;

        public void Add(string line)
        {
            if (IsListItem(line, out var item))
            {
                Flush();
                _item = item;
                return;
            }
            if (_item is not null)
            {
                // An indented line under a list item continues that item.
                if (char.IsWhiteSpace(line[0])) { _item += " " + line.Trim(); return; }
                Flush();
            }
            _paragraph.Add(line.Trim());
            if (lineEndsParagraphAtSentenceEnd && EndsSentence(line)) Flush();
        }

        public void Flush()
        {
            if (_item is not null) _blocks.Add(new TextBlock(_item, IsListItem: true));
            if (_paragraph.Count > 0) _blocks.Add(new TextBlock(string.Join(' ', _paragraph), IsListItem: false));
            _item = null;
            _paragraph.Clear();
        }

        public IReadOnlyList<TextBlock> TakeBlocks()
        {
            Flush();
            var blocks = _blocks.ToArray();
            _blocks.Clear();
            return blocks;
        }

        public bool IsEmpty => _blocks.Count == 0 && _paragraph.Count == 0 && _item is null;
    }

    public static bool EndsSentence(string line)
    {
        var trimmed = line.TrimEnd().TrimEnd('"', '\'', '”', '’', ')', '*', '_');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or ':' or ';';
    }
}
