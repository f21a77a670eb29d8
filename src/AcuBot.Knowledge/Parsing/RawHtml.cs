using System.Text.RegularExpressions;

namespace AcuBot.Knowledge.Parsing;

/// <summary>
/// Removes raw HTML tags from a document before it is parsed. Replies are Markdown, and Web Chat renders
/// the HTML inside Markdown: an <c>&lt;img src="https://elsewhere"&gt;</c> pasted into an article would be
/// loaded by every page that embeds the widget without a policy of its own, and a form or a link could pose
/// as the clinic's. What a tag encloses stays (it is text); only the tags go. Markdown autolinks such as
/// <c>&lt;https://clinic.example&gt;</c> are not tags (no space or '&gt;' after the name) and stay.
/// </summary>
public static partial class RawHtml
{
    /// <summary>An opening, closing or self-closing tag, a declaration (<c>&lt;!DOCTYPE&gt;</c>) or a processing instruction; attributes may span lines.</summary>
    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,4000})?/?>|<![A-Za-z][^<>]{0,4000}>|<\?[^<>]{0,4000}\?>")]
    private static partial Regex Tag();

    public static string Strip(string text) => text.Contains('<') ? Tag().Replace(text, "") : text;
}
