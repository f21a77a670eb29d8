namespace AcuBot.Knowledge.Parsing;

/// <summary>A clinic-curated question, its alternate phrasings, and its answer.</summary>
public sealed record CuratedEntry(IReadOnlyList<string> Questions, string Answer);

/// <summary>
/// Reads a curated Q&amp;A file (<c>*.faq.md</c>): each heading is a question, an optional first line
/// <c>Also asked: phrasing | phrasing</c> lists other ways patients ask it, and the body is the answer.
/// </summary>
public sealed class CuratedFaqParser
{
    private const string AlsoAskedPrefix = "Also asked:";
    private readonly MarkdownParser _markdown = new();

    public IReadOnlyList<CuratedEntry> Parse(string text)
    {
        var entries = new List<CuratedEntry>();
        foreach (var section in _markdown.Parse(SeparateAlsoAsked(text), fallbackTitle: ""))
        {
            if (section.Title.Length == 0) continue; // text before the first question
            var questions = new List<string> { section.Title };
            var answer = new List<string>();
            foreach (var block in section.Blocks)
            {
                if (!block.IsListItem && block.Text.StartsWith(AlsoAskedPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    questions.AddRange(block.Text[AlsoAskedPrefix.Length..]
                        .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    continue;
                }
                answer.Add(block.IsListItem ? "- " + block.Text : block.Text);
            }
            if (answer.Count > 0) entries.Add(new CuratedEntry(questions, string.Join("\n", answer)));
        }
        return entries;
    }

    /// <summary>An "Also asked:" line is a block of its own even when the answer follows on the next line.</summary>
    private static string SeparateAlsoAsked(string text) => string.Join("\n", text.ReplaceLineEndings("\n").Split('\n')
        .Select(line => line.TrimStart().StartsWith(AlsoAskedPrefix, StringComparison.OrdinalIgnoreCase) ? line + "\n" : line));
}
