using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Search;

/// <summary>Turns a patient's question into weighted concepts: analysed, typo-corrected, synonym-expanded.</summary>
public sealed partial class QueryInterpreter(PassageAnalyzer analyzer, PassageAnalyzer surfaceAnalyzer, Vocabulary vocabulary, SynonymMap synonyms, bool correctSpelling)
{
    /// <summary>A corrected spelling counts a little less than the word as typed.</summary>
    public const double CorrectionFactor = 0.9;

    /// <summary>A synonym counts less than the patient's own word.</summary>
    public const double SynonymFactor = 0.8;

    /// <summary>Stems of words the knowledge does not use, remembered up to this many (then forgotten all at once).</summary>
    private const int MaxRememberedStems = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _stemsOfUnknownWords = new(StringComparer.Ordinal);

    public IReadOnlyList<QueryConcept> Interpret(string question)
    {
        question = Mended(question);
        var concepts = new List<QueryConcept>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var written in surfaceAnalyzer.Terms(question))
        {
            var word = StemOf(written);
            if (word is null || !seen.Add(word)) continue;
            var forms = new List<TermForm>();
            var term = word;
            if (correctSpelling && !IsReadAsTyped(word) && vocabulary.Correct(written) is { } corrected)
            {
                term = corrected;
                forms.Add(new TermForm(corrected, CorrectionFactor));
            }
            else
            {
                forms.Add(new TermForm(word, 1.0));
            }
            foreach (var alternative in synonyms.AlternativesOf(term))
                if (alternative != word) forms.Add(new TermForm(alternative, SynonymFactor));

            concepts.Add(new QueryConcept(word, forms, ConceptWeight(forms)) { Written = written });
        }
        return concepts;
    }

    /// <summary>
    /// The question with its typos of the knowledge's words spelt as the knowledge spells them ("how many
    /// sesions of acupunture" reads "how many sessions of acupuncture"), for the sentence model: the model
    /// reads a misspelt word as other word pieces, and "acupunture" left the passage that answers out of
    /// the nearest five. A real English word is never changed ("inflation" may be meant), nor is a word
    /// the knowledge uses in another form. The question itself when nothing is corrected or spelt out.
    /// </summary>
    public string WithSpellingCorrected(string question)
    {
        question = Mended(question);
        if (!correctSpelling) return question;
        System.Text.StringBuilder? corrected = null;
        var copied = 0;
        foreach (System.Text.RegularExpressions.Match token in Letters().Matches(question))
        {
            if (token.Length < 5) continue;
            var written = token.Value.ToLowerInvariant();
            if (EnglishWords.IsWordOrForm(written) || synonyms.AlternativesOf(written).Count > 0) continue;
            if (StemOf(written) is { } stem && IsReadAsTyped(stem)) continue;
            if (vocabulary.CorrectWritten(written) is not { } known) continue;
            corrected ??= new System.Text.StringBuilder(question.Length + 8);
            corrected.Append(question, copied, token.Index - copied).Append(known);
            copied = token.Index + token.Length;
        }
        return corrected is null ? question : corrected.Append(question, copied, question.Length - copied).ToString();
    }

    /// <summary>
    /// "what % of people get better": the analyser drops the sign, and with it the question's subject, so
    /// that only "people" was left to match. Spelt out, it is a word the knowledge never uses, and it counts.
    /// </summary>
    public static string WithSymbolsSpelledOut(string question) =>
        question.Contains('%') ? question.Replace("%", " percent ", StringComparison.Ordinal) : question;

    /// <summary>The question as both readings of it take it: signs spelt out, split words joined.</summary>
    private string Mended(string question) => WithSplitWordsJoined(WithSymbolsSpelledOut(question));

    /// <summary>
    /// Two words that are no words of the knowledge, joined where together they spell a long one of its words,
    /// or a typo of it: dictation and autocorrect split "acupuncture" into "acute puncture" or "acu puncture".
    /// Left apart, they are two subjects the knowledge never covers, and the question gets the fallback.
    /// The question itself when nothing is joined.
    /// </summary>
    public string WithSplitWordsJoined(string question)
    {
        var tokens = Letters().Matches(question);
        System.Text.StringBuilder? joined = null;
        var copied = 0;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var (first, second) = (tokens[i], tokens[i + 1]);
            if (second.Index != first.Index + first.Length + 1 || question[first.Index + first.Length] != ' ') continue;
            var (a, b) = (first.Value.ToLowerInvariant(), second.Value.ToLowerInvariant());
            if (a.Length + b.Length < MinJoinedLength || vocabulary.TryGetStem(a, out _) || vocabulary.TryGetStem(b, out _)) continue;
            var together = a + b;
            var known = vocabulary.TryGetStem(together, out _) ? together : vocabulary.CorrectWritten(together);
            if (known is null || known.Length < MinJoinedLength) continue;
            joined ??= new System.Text.StringBuilder(question.Length);
            joined.Append(question, copied, first.Index - copied).Append(known);
            copied = second.Index + second.Length;
            i++;
        }
        return joined is null ? question : joined.Append(question, copied, question.Length - copied).ToString();
    }

    /// <summary>Only long words are joined: two short words make many a short word of the knowledge by chance.</summary>
    private const int MinJoinedLength = 9;

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}+")]
    private static partial System.Text.RegularExpressions.Regex Letters();

    /// <summary>The stem of a word as written: words the knowledge uses have theirs on record; only the others go through the analyser again.</summary>
    private string? StemOf(string written) => vocabulary.TryGetStem(written, out var known) ? known : StemOfUnknown(written);

    /// <summary>Whether a word (its stem) is read as the patient typed it, never as a typo: the knowledge uses it, or it has synonyms.</summary>
    private bool IsReadAsTyped(string stem) => vocabulary.Contains(stem) || synonyms.AlternativesOf(stem).Count > 0;

    /// <summary>
    /// The stem of a word the knowledge does not use (or null when analysis leaves no single term),
    /// remembered: patients ask the same few things in the same words, and analysis is a Lucene token
    /// stream per word. Bounded like <see cref="Vocabulary.Correct"/>'s cache.
    /// </summary>
    private string? StemOfUnknown(string written)
    {
        if (_stemsOfUnknownWords.TryGetValue(written, out var cached)) return cached;
        var stem = analyzer.Terms(written) is [var single] ? single : null;
        if (_stemsOfUnknownWords.Count >= MaxRememberedStems) _stemsOfUnknownWords.Clear();
        _stemsOfUnknownWords[written] = stem;
        return stem;
    }

    /// <summary>
    /// A concept weighs what the patient's own word (or its spelling correction) weighs in the knowledge.
    /// A word the knowledge does not use weighs what its rarest known synonym weighs ("hurt" weighs as
    /// "pinch"); with no known form at all it weighs the most, so that "does acupuncture cure diabetes?"
    /// is not answered on "acupuncture" alone.
    /// </summary>
    private double ConceptWeight(List<TermForm> forms)
    {
        if (vocabulary.Contains(forms[0].Term)) return vocabulary.Weight(forms[0].Term);
        var known = forms.Where(f => vocabulary.Contains(f.Term)).ToArray();
        return known.Length == 0 ? vocabulary.MaxWeight : known.Max(f => vocabulary.Weight(f.Term));
    }
}
