namespace AcuBot.Knowledge.Parsing;

/// <summary>A block of body text: a paragraph, or one item of a list.</summary>
public sealed record TextBlock(string Text, bool IsListItem);

/// <summary>A heading and the blocks under it, as a parser found them (before ids are given).</summary>
public sealed record ParsedSection(string Title, IReadOnlyList<TextBlock> Blocks);

/// <summary>Turns the text of one document into sections.</summary>
public interface IDocumentParser
{
    IReadOnlyList<ParsedSection> Parse(string text, string fallbackTitle);
}
