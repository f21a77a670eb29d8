using System.Text;

namespace AcuBot.Bot;

/// <summary>
/// A message reduced to lower-case words without punctuation or apostrophes ("I can't feel my legs!"
/// becomes [i, cant, feel, my, legs]), for the pattern checks that run before the search.
/// </summary>
public sealed class MessageText
{
    private static readonly HashSet<string> QuestionStarts =
        ["what", "whats", "how", "why", "when", "where", "which", "who", "is", "are", "can", "could", "does", "do", "did", "will", "would", "should", "may", "might"];

    public MessageText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\'' or '’' or '‘') continue;
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        Words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IsQuestion = text.TrimEnd().EndsWith('?') || (Words.Length > 0 && QuestionStarts.Contains(Words[0]));
    }

    public string[] Words { get; }

    /// <summary>Ends with a question mark or starts like a question.</summary>
    public bool IsQuestion { get; }

    /// <summary>The words with single spaces: what the small-talk and follow-up patterns read (joined once, on first use).</summary>
    public string Joined => _joined ??= string.Join(' ', Words);

    private string? _joined;
}
