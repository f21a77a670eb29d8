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
        IsQuestion = EverySentenceAsks(text);
    }

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
            var first = FirstWord(text.AsSpan(start, i - start));
            start = i + 1;
            if (first is null) continue; // "...", "?!" or the end
            if (!(i < text.Length && text[i] == '?') && !QuestionStarts.Contains(first)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>The first word of a piece of the text, as <see cref="Words"/> spells it; null when it has none.</summary>
    private static string? FirstWord(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '\'' or '’' or '‘') continue;
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0) break;
        }
        return builder.Length > 0 ? builder.ToString() : null;
    }

    /// <summary>The words with single spaces: what the small-talk and follow-up patterns read (joined once, on first use).</summary>
    public string Joined => _joined ??= string.Join(' ', Words);

    private string? _joined;
}
