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
        (SmallTalkIntent.Goodbye, GoodbyePattern()),
        (SmallTalkIntent.Thanks, ThanksPattern()),
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
        "helps", "useful", "clear", "sorted", "alright", "right", "cheers", "wonderful", "excellent", "amazing", "kind",
        "super", "fab", "fantastic", "ace", "sure", "yeah", "yep", "k", "kk", "bye", "anyway", "im", "off", "go", "gotta",
        "sir", "madam", "or", "human", "person", "u", "new", "here", "help", "we", "saying", "wanted", "say",
        "kindly", "computer", "machine", "robot", "real", "god", "bless", "blessed", "too", "as", "lol", "haha", "hehe",
        "most", "x", "xx", "xxx", "xo", "xoxo", "exactly", "actually", "may", "ask", "youve", "youre", "time", "ai", "chatbot",
        // "many thanks for your assistance", "thank you kindly young man", "are you a bot or an actual nurse"
        "assistance", "support", "info", "information", "advice", "answers", "young", "man", "lady", "love", "actual",
        "nurse", "doctor", "receptionist", "staff", "member", "assistant", "virtual", "automated",
        // "hola amigo", "namaste ji", "hi po": a friend, and the respect words of Hindi and Tagalog
        "amigo", "amiga", "ji", "po", "job", "explain", "explained", "answer", "answered",
        // "you're a clever little machine aren't you", "are you a robot or an actual acupuncturist", "u the goat fr"
        "little", "arent", "ever", "some", "kind", "sort", "hour", "late", "um", "at", "checking", "acupuncturist",
        "practitioner", "therapist", "testing", "fr", "ngl", "tbh", "bro", "bruh", "fam", "dude", "pal", "aw", "aww",
    ];

    /// <summary>A message of emoji alone: a wave is a greeting, a thumbs-up, folded hands or a heart are thanks.</summary>
    private static readonly (string Emoji, SmallTalkIntent Intent)[] EmojiIntents =
    [
        ("\U0001F44B", SmallTalkIntent.Greeting), ("\U0001F44D", SmallTalkIntent.Thanks), ("\U0001F64F", SmallTalkIntent.Thanks),
        ("\u2764", SmallTalkIntent.Thanks), ("\U0001F60A", SmallTalkIntent.Thanks), ("\U0001F642", SmallTalkIntent.Thanks),
    ];

    /// <summary>
    /// The intent when the whole message is small talk; null when it is (also) a question. A message may
    /// hold several ("cheers, bye", "hi, thanks"): every small-talk phrase is taken out, and the one that
    /// matters most for the reply wins (a goodbye over thanks, thanks over a greeting).
    /// </summary>
    public SmallTalkIntent? Detect(MessageText message)
    {
        // "hellooo", "byeee", "thanksss": a letter held down is the same word.
        var text = SpelledOut(HeldLetters().Replace(message.Joined, "$1"));
        if (text.Length == 0) return EmojiIntent(message.Text);
        // "sorry my english is not good" says how the patient writes, not what they want.
        var aside = AsidePattern().IsMatch(text);
        if (aside) text = AsidePattern().Replace(text, " ");
        SmallTalkIntent? found = null;
        foreach (var (intent, pattern) in Intents)
        {
            // Most messages match none of the patterns: the check without a Match object comes first.
            if (!pattern.IsMatch(text)) continue;
            found ??= intent;
            text = pattern.Replace(text, " ");
        }
        // An aside alone ("sorry for messaging so late", "my daughter set this up for me") opens a conversation.
        if (aside) found ??= SmallTalkIntent.Greeting;
        if (found is null) return null;
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(Filler.Contains) ? found : null;
    }

    private static SmallTalkIntent? EmojiIntent(string text)
    {
        foreach (var (emoji, intent) in EmojiIntents)
            if (text.Contains(emoji, StringComparison.Ordinal)) return intent;
        return null;
    }

    /// <summary>The words written out again once held letters are gone: "plzzz" is "plz", and so "please".</summary>
    private static string SpelledOut(string text)
    {
        if (text.Length == 0) return text;
        var words = text.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
            if (MessageText.SpelledOut(words[i]) is var full && !ReferenceEquals(full, words[i])) (words[i], changed) = (full, true);
        return changed ? string.Join(' ', words) : text;
    }

    [GeneratedRegex(@"\b(who are you|who is this|what is this( thing| bot| chat| site)?|whats this( thing| bot| chat)?|what( exactly| actually)? are you|whats your name|what is your name|your name|are you (a |an )?(real |actual )?(robot|bot|human|person|ai|machine|computer|chatbot|real|nurse|doctor|receptionist|acupuncturist|practitioner)|am i (talking|speaking|chatting) (to|with) (a )?(real )?(person|human|bot|robot|machine)|who am i (talking|speaking|chatting) (to|with)|is this (a |an |the )?(real |actual )?(bot|robot|person|human|receptionist|nurse|doctor|acupuncturist)|(is )?(anyone|anybody|someone|somebody) (there|here|around|home|awake|online|about|in)|are you there|(are|r) (you|u) (a |an )?(real )?(robot|bot|human|person|ai|machine|computer|chatbot|real)|you are (a |an )?(real )?(robot|bot|human|person|ai|machine|computer|chatbot)( or)?)\b")]
    private static partial Regex IdentityPattern();

    [GeneratedRegex(@"^((please )?(help|help me|help us)( please)?|please help( me)?|menu|start|options|commands|topics|(can|could) you help( me)?( please)?)$|\b((you can|can you|could you) help( me| us)?|what (can you|you can)( actually| really)? (do|help( me)? with|answer|tell me)|what do you help with|what do you (know|do|cover)( about)?|how (can|do) you help|what can i ask( you)?( about)?|what (sort|kind|type)s? of (questions?|things|stuff|topics|info|information) ((can|do|should|could) (i ask|you answer|you help with|you cover|you know( about)?)|i (can|could|should) ask)|(i )?(dont|do not) know how (this|it|you) works?|what (questions|topics) (can|do) you|what are you (able|for)|how (does|do) (this|the|you) ((chat|bot|chatbot|thing|service|site|assistant) ?){0,2}work|what (services|help) ((do you|does this (assistant|bot|chat|service)) (provide|offer|give)|(this (assistant|bot|chat|service)|you) (provides|offers|gives))|how (do i|can i|to) use (this|you|the chat|the bot)( chat| bot| thing)?|what (this|the) (chat|bot|chatbot|assistant|thing) (does|is for|can do)|what (am i|do i|should i|must i|can i|i must|i should|i can)( meant to| supposed to)? (ask|do|type|write|say)( you| here| now| in here)?$)\b")]
    private static partial Regex CapabilitiesPattern();

    [GeneratedRegex(@"\b(thanks|thank you|thank u|thankyou|thnaks|thanx|thnx|thank yoi|thankyu|thx|ty|tysm|tyvm|ta|tq|cheers|much appreciated|appreciate it|many thanks|nice one|that helps|that helped|very helpful|great help|ok|okay|okey|okie|got it|i see|noted|fair enough|(you are|youre|you re|your|you)( so| such| a| an| very| really| actually| super| the| absolute)* (star|legend|gem|lifesaver|life saver|best|helpful|clever|smart|lit|goat|brilliant|amazing|awesome|wonderful|marvellous|fab|ace)|(good|nice|clever|smart|great|helpful|cool|lovely|best|brilliant) (little )?(bot|robot|machine|chatbot|assistant)|(youve|you have) (really |so )?(calmed me down|put my mind at rest|reassured me)|(you are|youre) (nicer|kinder|friendlier|more helpful) than (my |the )?(gp|doctor|receptionist|hospital)|you rock|good job|well done|great job|you explain (good|well|nicely|clearly)|you explained (it |that |things )?(so )?(well|better|clearly|nicely)( than (my |the )?(gp|doctor|nurse))?|(i )?love (this|the) (bot|chat|chatbot|assistant|thing)|gracias|muchas gracias|merci( beaucoup)?|danke( sch[oö]n)?|grazie|obrigad[oa]|dzi[eę]kuj[eę]( bardzo)?|shukriya|shukran|dhanyavaad|dhanyavad|(maraming )?salamat|xie xie|arigato|terima kasih|asante|spasibo)\b|^((oh|thats|that is|sounds|very|so|really|lovely|great|perfect|brilliant|ok|okay) )*(great|brilliant|perfect|lovely|awesome|cool|nice|excellent|amazing|wonderful|fab|fantastic|super|sweet|good|fine|alright|great stuff|good stuff|smashing|marvellous|grand|champion|cracking|spot on|ace)$")]
    private static partial Regex ThanksPattern();

    [GeneratedRegex(@"\b(bye|bye bye|goodbye|good bye|see you|see ya|cya|farewell|take care|have (a )?(good|nice|great) (day|one|evening|night)|adios|adi[oó]s|hasta luego|au revoir|tsch[uü]ss|do widzenia|paalam|alvida|good night|goodnight|night night|nighty night|nite nite|gn|ttyl|talk (to you )?later|thats all|that is all|(nice|good|lovely|great) (talking|chatting|speaking) (to|with) you|catch (you|ya) later|laters|speak soon|see you soon|(going|off) to (try and |try to )?(sleep|bed)( now)?|cheerio|ta ra|toodles|toodle pip|hooroo|bye for now|ttfn|(gotta|got to|have to|need to) go( to (class|work|school|bed|sleep))?|must dash)\b|^(later|peace|peace out|gtg|g2g)$")]
    private static partial Regex GoodbyePattern();

    [GeneratedRegex(@"^(hi|hello|hey|heya|hiya|helo|hallo|hullo|hii|heyy|ello|howdy|greetings|yo|gday|namaste|hola|salaam|good (morning|afternoon|evening|day)|morning|afternoon|evening|gm|hi there|hello there|hey there|whats up|sup|wassup|whatsup|wsg|dear (sir|madam|sirs|team|clinic|all|doctor))\b|\b(how are you( doing| today)?|hows it going|how is it going|hows things|how are things|how you doing|hows your day( going)?|how is your day( going)?|whats up|what is up|wassup|whatsup)$|\b(buenos d[ií]as|buenas (tardes|noches)|bonjour|bonsoir|salut|ciao|buongiorno|guten (tag|morgen|abend)|dzie[nń] dobry|cze[sś][cć]|witam|ol[aá]|bom dia|boa tarde|merhaba|konnichiwa|ni hao|privet|(as )?salam(u)? (a)?laikum|assalamu alaikum|salaam alaikum|sat sri akal|kumusta|magandang (umaga|hapon|gabi))\b|\b(i )?hope (you are|youre|you re|all is|everything is|your day is)( doing| going| keeping)? (well|good|ok|okay|fine)\b|\bgood (morning|afternoon|evening)( to you)?\b|\b((can|do) you hear me|is this (thing )?(on|working))\b|\b(i |ive |i ve )?(have|got) (a|one|some|a few|a couple of|few)( quick| little| small)? (question|questions|things to ask)( for you)?\b|\b(can|could|may) i ask (you )?(a |some |a few )?(quick )?(question|questions|something)\b")]
    private static partial Regex GreetingPattern();

    [GeneratedRegex(@"\b((sorry|excuse|forgive|pardon)( me)?( for)? )?my (english|spelling|typing)( is| are)?( not| isnt)?( so| very| too)? (good|great|bad|poor|perfect|terrible|rubbish)\b|\benglish (is not|isnt) my first language\b|\b(my|our) (daughter|son|grandson|granddaughter|grandkids|grandchildren|kids|husband|wife|niece|nephew|carer) (set|put|installed)( it| this)? (up|on)( for (me|us))?\b|\bsorry (its|it is|for messaging|to message|for writing) (so )?late\b|\b(my )?(mum|mom|dad|mother|father|wife|husband|son|daughter|gran|nan|grandad) (asked|wanted) me to (message|write|ask|contact)( you)?( for| on behalf of) (her|him|them)\b|\b(its )?(my )?first time (using|on|trying|typing (to|on|into|in)|writing (to|on)|talking to|chatting (to|with|on)) (this|the chat|you|a computer|a bot|a machine|one of these|a chat)\b|\b((kind|best|warm|warmest) )?regards( \p{L}+)?$|\b(yours )?(sincerely|faithfully)( \p{L}+)?$")]
    private static partial Regex AsidePattern();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex HeldLetters();
}
