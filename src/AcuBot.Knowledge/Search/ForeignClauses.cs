using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// The clauses of a message written in another language beside its English: "jak długo trwa zabieg? how
/// long do the needles stay in". The knowledge is English, so every word of such a clause is a word it
/// never uses, and unknown words weigh the most in a search (they mark a subject the documents may not
/// cover): four Polish words outweighed the English question and the patient got the fallback. The words
/// of a foreign clause are the patient's own translation aid, not a subject; the search leaves them out
/// when another clause of the message is English and can carry the question.
/// </summary>
public static partial class ForeignClauses
{
    /// <summary>
    /// Common words of the languages patients here write beside English (Spanish, Portuguese, French,
    /// German, Italian, Polish, Tagalog, romanised Hindi) that are no English words, so that one of them
    /// marks a clause as another language. Accented letters and other scripts mark a word without a list.
    /// </summary>
    private static readonly FrozenSet<string> ForeignFunctionWords = new[]
    {
        // Spanish
        "que", "es", "el", "los", "las", "del", "de", "por", "para", "una", "muy", "pero", "como", "cuando", "donde",
        "tengo", "estoy", "usted", "mucho", "dolor", "espalda", "tambien", "hace", "puedo", "sesion", "cuanto",
        // Portuguese
        "voce", "nao", "uma", "dor", "costas", "tenho", "muito", "isso",
        // French
        "est", "les", "des", "une", "pour", "avec", "je", "vous", "nous", "mon", "mes", "cest", "qu", "ce", "dans",
        // German and Italian
        "ist", "ich", "nicht", "und", "der", "das", "ein", "eine", "mit", "wie", "mein", "che", "sono", "della", "il", "di", "la", "quanto", "quando", "perche", "seduta", "schiena",
        // Polish
        "czy", "jest", "jak", "nie", "sie", "dla", "ile", "kiedy", "gdzie", "dlaczego", "bardzo", "mnie", "plecy", "zabieg", "boli",
        // Tagalog
        "ba", "ang", "ng", "sa", "ako", "ito", "paano", "masakit", "yung", "naman",
        // Hindi, romanised
        "kya", "hai", "hain", "mera", "meri", "mujhe", "nahi", "kaise", "bahut", "dard", "kitna", "aap",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The words (lower case) of the message's clauses in another language, or none when no clause is, or
    /// when no clause of at least two words in English is left to carry the question: a message wholly in
    /// another language keeps its words, and gets the fallback rather than an answer to a guess.
    /// </summary>
    /// <remarks>
    /// A clause is in another language when more than half of its words are no English words and at least
    /// one of them is marked as foreign (an accented letter, another script, a common word of another
    /// language). The mark keeps a clause of rare English words ("fibromyalgia, sciatica?") in English.
    /// </remarks>
    public static IReadOnlySet<string> WordsOf(string message)
    {
        HashSet<string>? foreign = null;
        var englishClause = false;
        foreach (var clause in Clauses().Split(message))
        {
            var words = Letters().Matches(clause).Select(m => m.Value.ToLowerInvariant()).ToArray();
            if (words.Length == 0) continue;
            var marked = words.Count(IsMarkedForeign);
            var notEnglish = words.Count(w => IsMarkedForeign(w) || !EnglishWords.IsWordOrForm(w));
            if (marked > 0 && notEnglish * 2 > words.Length) (foreign ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(words);
            else if (words.Length >= 2) englishClause = true;
        }
        return foreign is not null && englishClause ? foreign : FrozenSet<string>.Empty;
    }

    /// <summary>
    /// A word of the list, or one with a letter outside ASCII ("qué", "długo", "腰痛"). The vocabulary of
    /// English words cannot tell: it holds the commonest words of other languages too ("que", "de").
    /// </summary>
    private static bool IsMarkedForeign(string word) =>
        ForeignFunctionWords.Contains(word) || word.Any(c => c > '\u007f' && char.IsLetter(c));

    /// <summary>Clauses end at sentence marks, commas and line breaks (those of Chinese and Japanese too); "¿" and "¡" open one.</summary>
    [GeneratedRegex(@"[.?!;:,¿¡\n。？！，、]+")]
    private static partial Regex Clauses();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Letters();
}
