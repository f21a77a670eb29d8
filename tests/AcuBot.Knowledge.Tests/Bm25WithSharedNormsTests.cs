using System.Text.Json;
using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace AcuBot.Knowledge.Tests;

/// <summary>The BM25 the index uses must score exactly as Lucene's <see cref="BM25Similarity"/> does.</summary>
public class Bm25WithSharedNormsTests
{
    [Fact]
    public void Scores_every_seed_passage_exactly_as_Lucene_BM25_does_for_every_eval_question()
    {
        var analyzer = new PassageAnalyzer();
        var passages = TestKnowledge.LoadSeed().Passages;
        using var luceneIndex = IndexOf(passages, analyzer, new BM25Similarity());
        using var ourIndex = IndexOf(passages, analyzer, new Bm25WithSharedNorms());
        var lucene = new IndexSearcher(luceneIndex) { Similarity = new BM25Similarity() };
        var ours = new IndexSearcher(ourIndex) { Similarity = new Bm25WithSharedNorms() };

        var compared = 0;
        foreach (var question in EvalQuestions())
        {
            var query = QueryOf(question, analyzer);
            if (query.Clauses.Count == 0) continue;
            var expected = lucene.Search(query, passages.Count).ScoreDocs;
            var actual = ours.Search(query, passages.Count).ScoreDocs;

            Assert.Equal(expected.Select(d => (d.Doc, d.Score)), actual.Select(d => (d.Doc, d.Score)));
            compared += expected.Length;
        }
        Assert.True(compared > 1000, $"only {compared} scores compared");
    }

    [Fact]
    public void A_second_search_of_the_same_field_gets_the_same_scores()
    {
        // The length-norm table is shared between searches: using it must not change it.
        var analyzer = new PassageAnalyzer();
        var passages = TestKnowledge.LoadSeed().Passages;
        using var index = IndexOf(passages, analyzer, new Bm25WithSharedNorms());
        var searcher = new IndexSearcher(index) { Similarity = new Bm25WithSharedNorms() };
        var query = QueryOf("Does acupuncture hurt or cause bruising?", analyzer);

        var first = searcher.Search(query, passages.Count).ScoreDocs.Select(d => (d.Doc, d.Score)).ToArray();
        foreach (var other in EvalQuestions().Take(20)) searcher.Search(QueryOf(other, analyzer), 5);
        var again = searcher.Search(query, passages.Count).ScoreDocs.Select(d => (d.Doc, d.Score)).ToArray();

        Assert.NotEmpty(first);
        Assert.Equal(first, again);
    }

    /// <summary>A text and a title field, as the bot's index has, with a boost on the title clauses.</summary>
    private static DirectoryReader IndexOf(IReadOnlyList<Documents.Passage> passages, PassageAnalyzer analyzer, Similarity similarity)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(PassageAnalyzer.Version, analyzer) { Similarity = similarity }))
        {
            foreach (var passage in passages)
                writer.AddDocument(new Document
                {
                    new TextField("text", passage.Text, Field.Store.NO),
                    new TextField("title", passage.Section.Title, Field.Store.NO),
                });
        }
        return DirectoryReader.Open(directory);
    }

    private static BooleanQuery QueryOf(string question, PassageAnalyzer analyzer)
    {
        var query = new BooleanQuery();
        foreach (var term in analyzer.Terms(question).Distinct())
        {
            query.Add(new TermQuery(new Term("text", term)), Occur.SHOULD);
            query.Add(new TermQuery(new Term("title", term)) { Boost = 0.6f }, Occur.SHOULD);
        }
        return query;
    }

    private static IEnumerable<string> EvalQuestions() =>
        new[] { "questions.jsonl", "holdout.jsonl" }
            .SelectMany(file => File.ReadLines(Path.Combine(RepositoryPaths.Root, "tests", "eval", file)))
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("q").GetString()!);
}
