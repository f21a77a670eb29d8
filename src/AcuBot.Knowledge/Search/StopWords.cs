using System.Collections.Frozen;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// Words that carry no topic in a patient's question. Lucene's English list covers articles and
/// prepositions; patients also write pronouns, auxiliaries and question words ("can you tell me how
/// much..."), which would otherwise count as unmatched content and sink the confidence of a good answer.
/// </summary>
internal static class StopWords
{
    public static readonly IReadOnlyList<string> All =
    [
        // Lucene's classic English stop words.
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
        "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this",
        "to", "was", "will", "with",
        // Pronouns and determiners.
        "i", "me", "my", "mine", "myself", "we", "us", "our", "you", "your", "yours", "he", "him", "his", "she",
        "her", "its", "them", "those", "what", "which", "who", "whom", "whose", "any", "some", "all", "each",
        "other", "another", "both", "either", "neither", "one", "someone", "something", "anything", "everything",
        // Auxiliaries and modals, with the contractions patients type.
        "am", "been", "being", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "can",
        "could", "would", "should", "shall", "may", "might", "must", "im", "ive", "id", "ill", "youre", "dont",
        "doesnt", "didnt", "cant", "wont", "isnt", "arent", "wasnt", "s", "t", "ll", "ve", "re", "d", "m",
        // Question words and fillers.
        "how", "why", "when", "where", "whether", "about", "so", "very", "too", "just", "also", "really",
        "please", "tell", "know", "explain", "get", "got", "go", "going", "thing", "things", "kind", "sort",
        "from", "than", "up", "out", "over", "after", "before", "during", "while", "again", "still", "yet",
        "ok", "okay", "hi", "hello", "thanks", "thank", "hey", "wondering", "want", "wanted", "like", "would",
        // How a patient frames a question rather than what it is about: "is that normal", "will I be able
        // to", "is it enough", "afterwards". Left in, these unmatched words would sink good answers.
        "normal", "enough", "better", "able", "afterwards", "afterward", "later", "felt", "feel", "feeling", "goes",
        "come", "comes", "came", "make", "makes", "made", "making", "take", "takes", "taking", "took", "keep",
        "keeping", "need", "needs", "needed", "help", "helps", "helped", "helping", "supposed", "anyway", "stuff", "actually", "exactly",
        "usually", "possible", "ever", "bit", "little", "lot", "lots", "way", "ways", "say", "said", "mean",
        // Chat, politeness, hedges and the people a patient addresses, which say nothing of the topic:
        // "any risks mate", "kindly tell me", "what even is it", "my gf reckons".
        "u", "ur", "r", "ya", "yo", "pls", "plz", "kindly", "sir", "madam", "maam", "mate", "dear", "guys", "folks",
        "even", "honestly", "basically", "literally", "seriously", "totally", "pretty", "quite", "rather", "reckon",
        "reckons", "think", "thinks", "guess", "suppose", "wonder", "curious", "anyone", "anybody", "somebody",
        "gf", "bf", "wanna", "gonna", "gotta", "down", "off", "around", "yeah", "yes", "wot", "wat", "wut", "wats", "whats", "wht",
        // Laughter, hesitation and text-speak around a question: "can i nap during it lol", "hw long".
        "lol", "lols", "haha", "hahaha", "hehe", "lmao", "omg", "tbh", "tbf", "btw", "imo", "idk", "thx", "hmm", "hmmm",
        "um", "umm", "erm", "uh", "ah", "oh", "hw", "x", "xx",
        // Hedges and text-speak that frame a question: "how long is one treatment roughly", "is it a cure or nah".
        "roughly", "approximately", "approx", "tho", "though", "ngl", "nah", "rn", "fr", "smth", "sth", "bc", "cuz",
        "coz", "abt", "w", "n",
        // When, in the story around a question: "been awake since 4", "ibuprofen every day for years".
        "since", "every", "ago",
    ];

    public static readonly FrozenSet<string> Set = All.ToFrozenSet(StringComparer.Ordinal);
}
