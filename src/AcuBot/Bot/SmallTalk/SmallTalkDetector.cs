using System.Text.RegularExpressions;

namespace AcuBot.Bot.SmallTalk;

/// <summary>
/// Recognises greetings, thanks, goodbyes, "who are you" and "what can you do". A message is small talk
/// only when nothing of substance is left once the small-talk words are taken out: "hi, does it hurt?"
/// is a question that happens to start with a greeting.
/// </summary>
public sealed partial class SmallTalkDetector
{
    private static readonly (SmallTalkIntent Intent, Regex Pattern)[] Intents =
    [
        (SmallTalkIntent.Identity, IdentityPattern()),
        (SmallTalkIntent.Capabilities, CapabilitiesPattern()),
        (SmallTalkIntent.Thanks, ThanksPattern()),
        (SmallTalkIntent.Goodbye, GoodbyePattern()),
        (SmallTalkIntent.Greeting, GreetingPattern()),
    ];

    /// <summary>Words that may surround small talk without making it a question ("thanks so much, that helped").</summary>
    private static readonly HashSet<string> Filler =
    [
        "so", "much", "very", "lot", "lots", "a", "the", "that", "this", "it", "was", "is", "has", "have", "been", "really",
        "helped", "helpful", "great", "good", "nice", "perfect", "ok", "okay", "awesome", "brilliant", "lovely", "again",
        "there", "you", "your", "all", "everyone", "today", "now", "for", "then", "and", "bot", "acubot", "me", "to",
        "talk", "chat", "later", "soon", "morning", "afternoon", "evening", "day", "night", "please", "yes", "no", "oh",
        "well", "just", "ill", "i", "will", "cool", "fine", "got", "understood", "doing", "how", "are", "its", "thats",
        "of", "with", "an", "am", "dear", "guys", "friend", "buddy", "mate", "hi", "hello", "hey", "thanks", "thank",
    ];

    /// <summary>The intent when the whole message is small talk; null when it is (also) a question.</summary>
    public SmallTalkIntent? Detect(MessageText message)
    {
        var text = message.Joined;
        if (text.Length == 0) return null;
        foreach (var (intent, pattern) in Intents)
        {
            // The first match, without a Match object: most messages match none of the patterns.
            var matches = pattern.EnumerateMatches(text);
            if (!matches.MoveNext()) continue;
            var match = matches.Current;
            var rest = (text[..match.Index] + " " + text[(match.Index + match.Length)..])
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest.All(Filler.Contains)) return intent;
        }
        return null;
    }

    [GeneratedRegex(@"\b(who are you|who is this|what are you|whats your name|what is your name|your name|are you (a |an )?(real )?(robot|bot|human|person|ai|machine|computer|chatbot|real)|am i (talking|speaking|chatting) (to|with) (a )?(real )?(person|human|bot|robot|machine)|is this a (bot|robot|person|human))\b")]
    private static partial Regex IdentityPattern();

    [GeneratedRegex(@"^(help|help me|menu|start|options|commands|topics)$|\b(what can you (do|help with|answer|tell me)|what do you (know|do|cover)( about)?|how (can|do) you help|what can i ask( you)?|what (questions|topics) (can|do) you|what are you (able|for))\b")]
    private static partial Regex CapabilitiesPattern();

    [GeneratedRegex(@"\b(thanks|thank you|thank u|thankyou|thx|ty|cheers|much appreciated|appreciate it|many thanks)\b")]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"\b(bye|bye bye|goodbye|good bye|see you|see ya|cya|farewell|take care|have a (good|nice|great) (day|one|evening|night)|good night|goodnight|talk (to you )?later|thats all|that is all)\b")]
    private static partial Regex GoodbyePattern();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|howdy|greetings|yo|good (morning|afternoon|evening|day)|morning|hi there|hello there|hey there)\b|\bhow are you( doing| today)?$")]
    private static partial Regex GreetingPattern();
}
