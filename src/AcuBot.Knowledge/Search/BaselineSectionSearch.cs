using AcuBot.Knowledge.Documents;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// The plain baseline the <c>eval</c> report compares against: Lucene's <see cref="StandardAnalyzer"/>,
/// one document per section (title and text), and the top hit always returned, however weak. It shows
/// what passages, English analysis, synonyms, spelling correction and the confidence threshold add.
/// </summary>
public sealed class BaselineSectionSearch : IDisposable
{
    private const string TextField = "text";
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly StandardAnalyzer _analyzer = new(PassageAnalyzer.Version);
    private readonly IReadOnlyList<Section> _sections;

    public BaselineSectionSearch(KnowledgeBase knowledge)
    {
        _sections = knowledge.Sections;
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(PassageAnalyzer.Version, _analyzer)))
        {
            foreach (var section in _sections)
            {
                var text = section.Title + "\n" + string.Join("\n", section.Passages.Select(p => p.Text));
                writer.AddDocument(new Document { new StoredField("ordinal", section.Ordinal), new TextField(TextField, text, Field.Store.NO) });
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
    }

    /// <summary>The best-matching section, or null when no word of the question occurs anywhere.</summary>
    public Section? Search(string question)
    {
        var query = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream(TextField, question))
        {
            var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && query.Clauses.Count < BooleanQuery.MaxClauseCount)
                query.Add(new TermQuery(new Term(TextField, term.ToString())), Occur.SHOULD);
            stream.End();
        }
        if (query.Clauses.Count == 0) return null;
        var top = _searcher.Search(query, 1);
        if (top.ScoreDocs.Length == 0) return null;
        var ordinal = _searcher.Doc(top.ScoreDocs[0].Doc).GetField("ordinal").GetInt32Value() ?? -1;
        return _sections.FirstOrDefault(s => s.Ordinal == ordinal);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
