using System.Text;

namespace AcuBot.Bot;

/// <summary>
/// A message reduced to lower-case words without punctuation or apostrophes ("I can't feel my legs!"
/// becomes [i, cant, feel, my, legs]) and with text-speak written out ("done w life" is "done with life"),
/// for the pattern checks that run before the search.
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

    /// <summary>
    /// Text-speak and its commonest spellings, written out so that the red-flag and small-talk patterns need
    /// only one form. Only words that stand for one word and are no other word: "wanna" and "gonna" stay, the
    /// patterns hold them.
    /// </summary>
    private static readonly Dictionary<string, string> TextSpeak = new(StringComparer.Ordinal)
    {
        ["u"] = "you", ["ya"] = "you", ["r"] = "are", ["ur"] = "your", ["w"] = "with", ["n"] = "and",
        ["pls"] = "please", ["plz"] = "please", ["plse"] = "please", ["pleas"] = "please",
        ["wat"] = "what", ["wot"] = "what", ["wht"] = "what", ["gud"] = "good", ["nite"] = "night", ["halp"] = "help",
        ["abt"] = "about", ["bc"] = "because", ["cuz"] = "because", ["coz"] = "because", ["thru"] = "through",
        ["rly"] = "really", ["ppl"] = "people",
        ["gd"] = "good", ["mornin"] = "morning", ["evenin"] = "evening", ["hlep"] = "help", ["hepl"] = "help", ["thnks"] = "thanks",
    };

    /// <summary>The word written out when it is text-speak ("u" is "you"), else the word itself.</summary>
    public static string SpelledOut(string word) => TextSpeak.GetValueOrDefault(word, word);

    /// <summary>Lower-case words without punctuation or apostrophes, text-speak written out; digits and letters apart.</summary>
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
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++) words[i] = SpelledOut(words[i]);
        return words;
    }

    /// <summary>The message as typed.</summary>
    public string Text { get; }

    public string[] Words { get; }

    /// <summary>
    /// Every sentence ends with a question mark or starts like a question. "is it normal for back pain to
    /// make your chest hurt? its like a pressure, been 20 mins now" asks, then tells what is happening now.
    /// </summary>
    public bool IsQuestion { get; }

    /// <summary>
    /// A sentence without a question mark asks when it starts as a question does, unless its subject was left
    /// out: "can barely stand", "could hardly breathe" say how the patient is ("I can barely stand").
    /// </summary>
    private static bool AsksInWords(string[] words) =>
        QuestionStarts.Contains(words[0]) && !(words.Length > 1 && DroppedSubjectAdverbs.Contains(words[1]));

    private static readonly HashSet<string> DroppedSubjectAdverbs = ["barely", "hardly", "only", "just", "not", "never", "still", "no", "even", "scarcely"];

    private static bool EverySentenceAsks(string text)
    {
        var any = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not ('.' or '!' or '?' or '\n')) continue;
            var words = WordsOf(text.AsSpan(start, i - start));
            start = i + 1;
            if (words.Length == 0) continue; // "...", "?!" or the end
            if (!(i < text.Length && text[i] == '?') && !AsksInWords(words)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>The words with single spaces: what the small-talk and follow-up patterns read (joined once, on first use).</summary>
    public string Joined => _joined ??= string.Join(' ', Words);

    private string? _joined;
}
