using System.Text.RegularExpressions;

namespace AcuBot.Bot.Conversation;

/// <summary>Recognises follow-ups that only make sense after an answer: "tell me more", "how long does it last?".</summary>
public static partial class FollowUps
{
    /// <summary>The button offered under answers whose section has more to say.</summary>
    public const string TellMeMore = "Tell me more";

    private static readonly HashSet<string> BackReferences = ["it", "its", "that", "this", "they", "them", "those", "these", "there", "one"];

    public static bool IsTellMeMore(MessageText message) => TellMeMorePattern().IsMatch(message.Joined);

    /// <summary>A question that leans on what was said before: it refers back, or is only a few words.</summary>
    public static bool LeansOnContext(MessageText message) =>
        message.Words.Any(BackReferences.Contains) || message.Words.Length <= 4;

    [GeneratedRegex(@"^(please )?(tell me more|more|more please|more info|more information|more details|go on|continue|keep going|elaborate|explain more|details|say more|and|what else)( (about|on) (it|that|this))?( please)?$")]
    private static partial Regex TellMeMorePattern();
}
