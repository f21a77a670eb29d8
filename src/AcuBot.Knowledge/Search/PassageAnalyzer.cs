using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// English analysis for passages and questions alike: possessives dropped, lower case, apostrophes
/// (straight or typographic) removed, stop words removed, Porter stemming ("needles" and "needle" meet at "needl").
/// Built with <c>stem: false</c> it stops short of stemming: the words as written, for spelling correction.
/// </summary>
public sealed class PassageAnalyzer(bool stem) : Analyzer
{
    public PassageAnalyzer() : this(stem: true) { }

    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet StopSet = new(Version, StopWords.All, ignoreCase: true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ApostropheRemover(stream);
        stream = new StopFilter(Version, stream, StopSet);
        if (stem) stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>The terms of <paramref name="text"/>, in order, as the index sees them.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>
    /// Turns "don't" and "don’t" into "dont" so contractions meet the stop list however they were typed.
    /// (A token filter rather than a char filter: a char filter is a new object, with its buffers, per text.)
    /// </summary>
    private sealed class ApostropheRemover(TokenStream input) : TokenFilter(input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var buffer = _term.Buffer;
            int length = 0;
            for (int i = 0; i < _term.Length; i++)
                if (buffer[i] is not ('\'' or '\u2019' or '\u2018')) buffer[length++] = buffer[i];
            _term.Length = length;
            return true;
        }
    }
}
