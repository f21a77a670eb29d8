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
        Text = text;
        Words = WordsOf(text);
        IsQuestion = EverySentenceAsks(text);
    }

    /// <summary>Lower-case words without punctuation or apostrophes; digits and letters apart.</summary>
    private static string[] WordsOf(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var previous = ' ';
        foreach (var c in text)
        {
            if (c is '\'' or '’' or '‘') continue;
            // A number and its unit are two words: "8kg" is "8 kg", "39c" is "39 c".
            if ((char.IsDigit(c) && char.IsLetter(previous)) || (char.IsLetter(c) && char.IsDigit(previous))) builder.Append(' ');
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            previous = c;
        }
        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The message as typed.</summary>
    public string Text { get; }

    public string[] Words { get; }

    /// <summary>
    /// Every sentence ends with a question mark or starts like a question. "is it normal for back pain to
    /// make your chest hurt? its like a pressure, been 20 mins now" asks, then tells what is happening now.
    /// </summary>
    public bool IsQuestion { get; }

    private static bool EverySentenceAsks(string text)
    {
        var any = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('.' or '!' or '?' or '\n')) continue;
            var first = WordsOf(text.AsSpan(start, i - start)).FirstOrDefault();
            start = i + 1;
            if (first is null) continue; // "...", "?!" or the end
            if (!(i < text.Length && text[i] == '?') && !QuestionStarts.Contains(first)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>The words with single spaces: what the small-talk and follow-up patterns read (joined once, on first use).</summary>
    public string Joined => _joined ??= string.Join(' ', Words);

    private string? _joined;
}
