using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Search;

namespace AcuBot.Bot.Safety;

/// <summary>
/// A message the bot cannot read: written in another language ("hola, no puedo controlar la orina desde
/// ayer", "jaan dene ka mann kar raha hai"). The patterns and the English sentence model see nothing in it,
/// so neither detector can tell an emergency from a question about prices; when in doubt, urgent wins. A
/// message is unreadable when it has a few words, hardly any of them the small words every English sentence
/// is made of, and most of them no English word and no word of the knowledge (nor a typo of one); or when the
/// small words of other languages outnumber English ones well ("je ne sens plus rien entre les jambes": the
/// word-piece vocabulary knows many French and Spanish words, so the first test alone misses it). Telegraphic
/// English ("chest pain n upper back pain rn") has few small words, but its other words are English.
/// </summary>
public static class UnreadableMessage
{
    /// <summary>Shorter messages are left to the other steps: "qi = chi?" is English, and too short to tell.</summary>
    public const int MinWords = 4;

    /// <summary>
    /// Words read at most: a language shows in its first few dozen words, and each unknown word costs a spelling
    /// lookup, so a 20,000-character message must not cost thousands.
    /// </summary>
    public const int MaxWordsRead = 60;

    /// <summary>Share of the words that are English function words below which a message may be in another language.</summary>
    public const double MaxFunctionWordShare = 0.15;

    /// <summary>Share of the words that are English (or the knowledge's) below which it is.</summary>
    public const double MaxKnownWordShare = 0.6;

    private static readonly HashSet<string> FunctionWords =
    [
        "the", "a", "an", "and", "or", "but", "if", "so", "my", "me", "i", "im", "ive", "id", "ill", "is", "are", "was",
        "were", "be", "been", "being", "am", "to", "of", "in", "on", "at", "for", "with", "it", "its", "this", "that",
        "these", "those", "there", "here", "have", "has", "had", "do", "does", "did", "dont", "doesnt", "didnt", "not",
        "can", "cant", "could", "couldnt", "would", "wouldnt", "will", "wont", "should", "shouldnt", "what", "whats",
        "how", "when", "why", "who", "where", "which", "you", "your", "youre", "he", "she", "his", "her", "him", "hes",
        "shes", "they", "them", "their", "theyre", "we", "our", "us", "after", "before", "since", "from", "about", "just",
        "very", "really", "too", "also", "much", "many", "more", "some", "any", "all", "get", "got", "go", "going",
        "gone", "still", "now", "then", "than", "because", "as", "by", "up", "down", "out", "off", "over", "into",
        "again", "yes", "yeah", "ok", "okay", "please", "thanks", "thank", "hi", "hello", "hey", "bye",
    ];

    /// <summary>
    /// The commonest small words of the languages patients of English-speaking clinics write in most (Spanish,
    /// Portuguese, French, Italian, German, Polish, Romanian, Tagalog, Hindi and Urdu in Latin letters), where
    /// they are no English word: "die", "am" or "no" count for neither side, "as" and "do" for English.
    /// </summary>
    private static readonly HashSet<string> OtherLanguagesFunctionWords =
    [
        // Spanish, Portuguese
        "el", "la", "los", "las", "del", "que", "y", "con", "por", "para", "una", "mi", "mis", "tengo", "estoy", "muy",
        "desde", "pero", "como", "su", "sus", "esta", "está", "le", "lo", "se", "nao", "não", "com", "um", "uma",
        "meu", "minha", "estou", "muito", "depois", "eu", "os", "da", "das", "dos", "ao", "em", "pra",
        // French, Italian
        "je", "jai", "les", "et", "au", "aux", "des", "du", "ce", "cette", "mon", "ma", "mes", "ne", "pas", "avec",
        "depuis", "il", "elle", "nous", "vous", "est", "sont", "che", "non", "sono", "ho", "di", "per", "della",
        // German
        "ich", "nicht", "und", "der", "das", "ist", "mit", "mein", "meine", "habe", "seit", "sehr", "auch", "ein", "eine",
        // Polish, Romanian
        "nie", "się", "sie", "jest", "mnie", "mam", "mi", "od", "po", "bardzo", "jak", "ze", "że", "si", "nu",
        "dupa", "după", "și", "sunt", "mai", "foarte", "cu", "pe", "la",
        // Tagalog
        "ako", "ko", "ng", "ang", "mga", "sa", "na", "ay", "hindi", "siya", "niya", "ba", "lang", "ito",
        // Hindi and Urdu in Latin letters
        "hai", "hain", "nahi", "nahin", "ka", "ki", "ke", "aur", "mein", "mujhe", "mera", "mere", "meri", "ho", "raha",
        "rahi", "rahe", "kya", "hoon", "hu", "bahut", "koi", "ab", "yeh",
    ];

    public static bool Is(MessageText message, Vocabulary knowledge)
    {
        var words = message.Words.AsSpan(0, Math.Min(message.Words.Length, MaxWordsRead));
        if (words.Length < MinWords) return false;
        var function = 0;
        var otherFunction = 0;
        var known = 0;
        foreach (var word in words)
        {
            if (FunctionWords.Contains(word)) function++;
            else if (OtherLanguagesFunctionWords.Contains(word)) otherFunction++;
            if (IsKnown(word, knowledge)) known++;
        }
        if (function < MaxFunctionWordShare * words.Length && known < MaxKnownWordShare * words.Length) return true;
        return otherFunction >= 3 && otherFunction >= 2 * function && function < 2 * MaxFunctionWordShare * words.Length;
    }

    private static bool IsKnown(string word, Vocabulary knowledge) =>
        word.All(char.IsAsciiDigit) || EnglishWords.IsWordOrForm(word) || knowledge.TryGetStem(word, out _) || knowledge.Correct(word) is not null;
}
