using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// English analysis for passages and questions alike: typographic quotes folded, possessives dropped,
/// lower case, stop words removed, Porter stemming ("needles" and "needle" meet at "needl").
/// Built with <c>stem: false</c> it stops short of stemming: the words as written, for spelling correction.
/// </summary>
public sealed class PassageAnalyzer(bool stem) : Analyzer
{
    public PassageAnalyzer() : this(stem: true) { }

    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet StopSet = new(Version, StopWords.All, ignoreCase: true);

    private static readonly NormalizeCharMap QuoteFolding = BuildQuoteFolding();

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

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new MappingCharFilter(QuoteFolding, reader);

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

    private static NormalizeCharMap BuildQuoteFolding()
    {
        var builder = new NormalizeCharMap.Builder();
        builder.Add("\u2019", "'");
        builder.Add("\u2018", "'");
        builder.Add("\u201C", "\"");
        builder.Add("\u201D", "\"");
        return builder.Build();
    }

    /// <summary>Turns "don't" into "dont" so contractions meet the stop list however they were typed.</summary>
    private sealed class ApostropheRemover(TokenStream input) : TokenFilter(input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var buffer = _term.Buffer;
            int length = 0;
            for (int i = 0; i < _term.Length; i++)
                if (buffer[i] != '\'') buffer[length++] = buffer[i];
            _term.Length = length;
            return true;
        }
    }
}
