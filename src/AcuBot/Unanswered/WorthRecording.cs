using System.Text.RegularExpressions;

namespace AcuBot.Unanswered;

/// <summary>
/// Whether a message the bot could not answer is worth the clinic's reading: a question in words. Not
/// "???" or a lone emoji (no word at all), not markup (<c>&lt;script&gt;alert(1)&lt;/script&gt;</c>, someone
/// probing the bot), not keyboard mashing ("asdfghjkl", "qwertyuiop", "xzkqwvbn"). A word looks mashed
/// when it runs along one keyboard row, has no vowel, piles up six consonants, or
/// repeats one letter; a message is kept when at least half of its words look like words. Wrongly
/// dropping a real question costs one entry of the list; keeping noise costs the list its use.
/// </summary>
public static partial class WorthRecording
{
    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"];

    public static bool IsQuestionInWords(string text)
    {
        if (Markup().IsMatch(text)) return false;
        var words = Words().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToArray();
        if (words.Length == 0) return false;
        var wordLike = words.Count(LooksLikeAWord);
        return wordLike > 0 && wordLike * 2 >= words.Length;
    }

    public static bool LooksLikeAWord(string word)
    {
        if (word.Length <= 3) return !RepeatedLetter().IsMatch(word) || word.Length < 3;
        if (!word.Any(IsVowel)) return false;
        if (RepeatedLetter().IsMatch(word)) return false;
        if (LongestConsonantRun(word) >= 6) return false;
        // "asdf", "qwerty", "hjkl": four or more letters in keyboard order, most of the word.
        var run = LongestKeyboardRun(word);
        return !(run >= 4 && run * 3 >= word.Length * 2);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' || c > '\u007f';

    private static int LongestConsonantRun(string word)
    {
        int longest = 0, current = 0;
        foreach (var c in word)
        {
            current = char.IsAsciiLetter(c) && !IsVowel(c) ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }

    /// <summary>The most letters in a row that are neighbours on one keyboard row, all one way ("were" goes back: 3).</summary>
    private static int LongestKeyboardRun(string word)
    {
        var longest = 1;
        foreach (var row in KeyboardRows)
        {
            int current = 1, direction = 0;
            for (var i = 1; i < word.Length; i++)
            {
                var a = row.IndexOf(word[i - 1]);
                var b = row.IndexOf(word[i]);
                var step = a >= 0 && b >= 0 && Math.Abs(a - b) == 1 ? b - a : 0;
                if (step != 0 && (current == 1 || step == direction)) current++;
                else current = step != 0 ? 2 : 1;
                direction = step;
                longest = Math.Max(longest, current);
            }
        }
        return longest;
    }

    /// <summary>An HTML or XML tag, a comment, or a script URL: nothing a patient types in a question.</summary>
    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:|&#x?[0-9a-f]+;", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}'’]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"(\p{L})\1\1")]
    private static partial Regex RepeatedLetter();
}
