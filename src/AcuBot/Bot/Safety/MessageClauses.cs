using System.Text.RegularExpressions;

namespace AcuBot.Bot.Safety;

/// <summary>
/// The parts of a message that the meaning-based red-flag net reads one by one, besides the whole: a
/// symptom mentioned inside a booking request ("hi, want to book for my back. also my legs went numb
/// overnight, thanks") is drowned in the meaning of the whole message, but not in its own clause.
/// </summary>
public static partial class MessageClauses
{
    /// <summary>Shorter parts ("thanks", "hi there") carry no red flag of their own.</summary>
    public const int MinWords = 3;

    /// <summary>Each clause costs a model call, so a long message is read this far by clauses (the patterns read all of it).</summary>
    public const int MaxClauses = 8;

    /// <summary>The clauses of at least <see cref="MinWords"/> words; none when the message is one clause.</summary>
    public static IReadOnlyList<string> Of(string text) => [.. Clauses(text).Select(c => c.Text)];

    /// <summary>
    /// The clauses the net reads, and so the ones embedded: a general question among them ("is numbness a
    /// side effect?") is about no one's symptoms, as for the whole message.
    /// </summary>
    public static IReadOnlyList<string> ToRead(string text) => [.. Clauses(text).Where(c => !RedFlagRules.IsGeneralQuestion(c)).Select(c => c.Text)];

    private static List<MessageText> Clauses(string text)
    {
        var clauses = new List<MessageText>();
        foreach (var part in Boundaries().Split(text))
        {
            var clause = new MessageText(part.Trim());
            if (clause.Words.Length < MinWords) continue;
            clauses.Add(clause);
            if (clauses.Count == MaxClauses) break;
        }
        return clauses.Count >= 2 ? clauses : [];
    }

    // Sentence ends, commas and the words that join a second thought to the first.
    [GeneratedRegex(@"[.!?;\n]+|,\s+|\s+(?:but|also|btw|plus|though|anyway)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Boundaries();
}
