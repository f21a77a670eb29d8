namespace AcuBot.Knowledge.Parsing;

/// <summary>
/// Questions the clinic knows a passage of an article answers: the passage is named by its section's
/// title and, optionally, the first words of its text. Without the first words the block is the
/// section's opening passage, which for a section that is a list is the whole list.
/// </summary>
/// <param name="Line">Where the block starts in its file, for the clinic's warnings.</param>
public sealed record PassageQuestions(string SectionTitle, string? PassageStart, IReadOnlyList<string> Questions, int Line)
{
    public string Key => PassageStart is null ? $"[{SectionTitle}]" : $"[{SectionTitle} > {PassageStart}]";
}

/// <summary>
/// Reads a question file (<c>*.questions.txt</c>): blocks headed <c>[Section title]</c> or
/// <c>[Section title &gt; first words of the passage]</c>, each followed by one question a line.
/// Lines starting with <c>#</c> are comments. Patients rarely word a question as the article words its
/// answer; a question written the way they ask is what the meaning-based search compares them with.
/// </summary>
public sealed class PassageQuestionsParser
{
    public const string FileSuffix = ".questions.txt";
    private const string PassageSeparator = " > ";

    /// <param name="problems">Lines that are not understood (a question before any block), with their numbers.</param>
    public IReadOnlyList<PassageQuestions> Parse(string text, out IReadOnlyList<string> problems)
    {
        var blocks = new List<PassageQuestions>();
        var found = new List<string>();
        (string Title, string? Start, int Line)? current = null;
        var questions = new List<string>();
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                Close();
                var key = line[1..^1];
                var at = key.IndexOf(PassageSeparator, StringComparison.Ordinal);
                current = at < 0
                    ? (key.Trim(), null, lineNumber)
                    : (key[..at].Trim(), key[(at + PassageSeparator.Length)..].Trim(), lineNumber);
                continue;
            }
            if (current is null) found.Add($"line {lineNumber}: a question before any [Section title] line is ignored");
            else questions.Add(line);
        }
        Close();
        problems = found;
        return blocks;

        void Close()
        {
            if (current is { } block && block.Title.Length > 0 && questions.Count > 0)
                blocks.Add(new PassageQuestions(block.Title, string.IsNullOrEmpty(block.Start) ? null : block.Start, questions.ToArray(), block.Line));
            questions.Clear();
        }
    }
}
