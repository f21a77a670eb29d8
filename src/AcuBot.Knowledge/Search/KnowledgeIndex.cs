using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AcuBot.Knowledge.Documents;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// The Lucene.Net index over the passages of a <see cref="KnowledgeBase"/>, and the search over it.
/// Lucene (BM25) finds candidates; each is then given a confidence, the weighted share of the question's
/// concepts it covers, and the two are blended into the final order. Immutable once built, so one
/// instance serves any number of concurrent searches.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private const string IdField = "id", TextField = "text", TitleField = "title", QuestionField = "question";

    private readonly LuceneDirectory _directory;
    /// <summary>BM25, for indexing and searching alike (the norms it writes are the ones it reads).</summary>
    private readonly Bm25WithSharedNorms _similarity = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    /// <summary>Passage id of each Lucene document, read once: Lucene's doc-values readers are not safe to share between threads.</summary>
    private readonly int[] _passageOfDocument;

    /// <summary>Lucene's statistics of each term queried so far, by field (see <see cref="TermQueryFor"/>).</summary>
    private readonly Dictionary<string, ConcurrentDictionary<string, TermContext>> _termStates = new()
    {
        [TextField] = new(StringComparer.Ordinal),
        [TitleField] = new(StringComparer.Ordinal),
        [QuestionField] = new(StringComparer.Ordinal),
    };
    /// <summary>Terms that occur in section titles and in curated questions: only those get a query clause on those fields.</summary>
    private readonly HashSet<string> _titleVocabulary = new(StringComparer.Ordinal), _questionVocabulary = new(StringComparer.Ordinal);
    /// <summary>
    /// Terms of the questions a question file gives the passages. They add nothing to a passage's words
    /// (its ranking stays the article's), but a word the clinic wrote in a question a passage answers is not
    /// a subject the knowledge never names: "can I fall asleep during it" is about the session, not about
    /// sleep medicine, if the clinic's questions say patients ask it so.
    /// </summary>
    private readonly HashSet<string> _askedVocabulary = new(StringComparer.Ordinal);

    /// <summary>The terms of what the articles compare acupuncture with ("compared to conventional medication"): see <see cref="Comparison"/>.</summary>
    private readonly HashSet<string> _comparedTerms = new(StringComparer.Ordinal);

    /// <summary>Sorted term ids of each passage (with its title and questions) and of each section title, for <see cref="QuestionCoverage"/>.</summary>
    private readonly TermIds _termIds = new();
    private readonly int[][] _termsByPassage;
    private readonly Dictionary<Section, int[]> _termsByTitle = [];
    private readonly PassageAnalyzer _analyzer;
    private readonly SearchTuning _tuning;
    private readonly QueryInterpreter _interpreter;

    private KnowledgeIndex(KnowledgeBase knowledge, LuceneDirectory directory, PassageAnalyzer analyzer, SearchTuning tuning)
    {
        Knowledge = knowledge;
        _directory = directory;
        _tuning = tuning;
        _analyzer = analyzer;
        _termsByPassage = new int[knowledge.Passages.Count][];
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var stemOfWord = new Dictionary<string, string>(StringComparer.Ordinal);
        var surfaceAnalyzer = new PassageAnalyzer(stem: false);

        var config = new IndexWriterConfig(PassageAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = _similarity,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var passage in knowledge.Passages)
            {
                writer.AddDocument(ToDocument(passage));
                _termsByPassage[passage.Id] = PassageTerms(passage, analyzer, documentFrequency, _termIds);
                CollectWords(passage, analyzer, surfaceAnalyzer, stemOfWord);
            }
            foreach (var section in knowledge.Sections)
            {
                var titleTerms = analyzer.Terms(section.Title);
                _termsByTitle[section] = _termIds.SortedIdsOf(titleTerms);
                _titleVocabulary.UnionWith(titleTerms);
            }
            foreach (var passage in knowledge.Passages.Where(p => p.Kind == PassageKind.Curated))
                _questionVocabulary.UnionWith(analyzer.Terms(string.Join("\n", passage.Questions)));
            foreach (var passage in knowledge.Passages.Where(p => p.AskedAs.Count > 0))
                _askedVocabulary.UnionWith(analyzer.Terms(string.Join("\n", passage.AskedAs)));
            foreach (var passage in knowledge.Passages.Where(p => p.Kind == PassageKind.Article))
                _comparedTerms.UnionWith(analyzer.Terms(string.Join(' ', Comparison.ComparedWords(passage.Text))));
            writer.Commit();
        }

        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = _similarity };
        _passageOfDocument = ReadPassageIds(_reader);
        Vocabulary = new Vocabulary(documentFrequency, stemOfWord, knowledge.Passages.Count);
        var synonyms = tuning.UseSynonyms ? knowledge.Synonyms : SynonymMap.Empty;
        _interpreter = new QueryInterpreter(analyzer, surfaceAnalyzer, Vocabulary, synonyms, tuning.CorrectSpelling);
    }

    public KnowledgeBase Knowledge { get; }
    public Vocabulary Vocabulary { get; }

    /// <summary>Builds the index in memory, or in <paramref name="indexFolder"/> when one is given.</summary>
    public static KnowledgeIndex Build(KnowledgeBase knowledge, PassageAnalyzer analyzer, SearchTuning? tuning = null, string? indexFolder = null)
    {
        LuceneDirectory directory = indexFolder is null ? new RAMDirectory() : FSDirectory.Open(indexFolder);
        return new KnowledgeIndex(knowledge, directory, analyzer, tuning ?? new SearchTuning());
    }

    public SearchResult Search(string question, int maxHits = 5) => Search(question, dense: null, RetrievalMode.Lexical, maxHits);

    /// <summary>The question with typos of the knowledge's words corrected, for the sentence model (see <see cref="QueryInterpreter.WithSpellingCorrected"/>).</summary>
    public string WithSpellingCorrected(string question) => _interpreter.WithSpellingCorrected(question);

    /// <summary>The words of the question that the knowledge never uses in any form, as <see cref="SearchResult.UnknownWords"/> would list them.</summary>
    public IReadOnlyList<string> UnknownWordsOf(string question) =>
        UnknownWordsOf(_interpreter.Interpret(question).Take(_tuning.MaxConcepts).ToArray());

    /// <summary>
    /// The passages that answer <paramref name="question"/>, best first. Lexical candidates come from
    /// Lucene (BM25); with <paramref name="dense"/> scores, the passages closest in meaning join them.
    /// Every candidate gets both signals: its lexical confidence (the share of the question it covers)
    /// and its cosine similarity. In <see cref="RetrievalMode.Hybrid"/> they are ordered by the lexical score
    /// plus a weighted cosine (see <see cref="Fuse"/>; reciprocal-rank fusion was measured worse).
    /// </summary>
    /// <param name="incidentalWords">
    /// Unknown words of the question that the caller found to carry little of its meaning ("catch" in
    /// "can I catch an infection?"): they are left out, instead of weighing the most as unknown words do.
    /// </param>
    public SearchResult Search(string question, DenseScores? dense, RetrievalMode mode, int maxHits = 5, IReadOnlySet<string>? incidentalWords = null)
    {
        if (Knowledge.IsEmpty || string.IsNullOrWhiteSpace(question)) return SearchResult.Empty;
        if (mode != RetrievalMode.Lexical && dense is null) mode = RetrievalMode.Lexical;
        var concepts = _interpreter.Interpret(question).Take(_tuning.MaxConcepts)
            .Where(c => incidentalWords is null || !incidentalWords.Contains(c.Written)).ToArray();
        var lexical = mode == RetrievalMode.Dense ? [] : LexicalCandidates(concepts);
        var closest = mode == RetrievalMode.Lexical ? [] : dense!.Top(_tuning.DenseCandidates);
        if (lexical.Length == 0 && closest.Length == 0) return new SearchResult([], concepts) { UnknownWords = UnknownWordsOf(concepts) };

        var maxScore = lexical.Length > 0 ? lexical[0].Score : 1f;
        DefinedSubject? defined = DefinitionQuestion.Subject(question) is { } subject ? DefinedSubject.Of(subject, _analyzer, concepts, Vocabulary) : null;
        var coverage = new QuestionCoverage(concepts, _termIds, Vocabulary);
        var titleCoverages = new Dictionary<Section, double>(); // candidates often share a section
        var candidates = new Dictionary<int, float>(lexical.Length + closest.Length); // passage id -> normalised BM25
        foreach (var scoreDoc in lexical) candidates.TryAdd(_passageOfDocument[scoreDoc.Doc], scoreDoc.Score / maxScore);
        foreach (var id in closest) candidates.TryAdd(id, 0f);

        var hits = new List<SearchHit>(candidates.Count);
        foreach (var (id, bm25) in candidates)
        {
            var passage = Knowledge.Passages[id];
            var confidence = coverage.Of(_termsByPassage[passage.Id]);
            var score = _tuning.ConfidenceShare * confidence + (1 - _tuning.ConfidenceShare) * bm25;
            var defines = defined is not null && Defines(passage, defined.Value);
            if (defines) score += _tuning.DefinitionBonus;
            if (!titleCoverages.TryGetValue(passage.Section, out var titleCoverage))
                titleCoverages[passage.Section] = titleCoverage = _termsByTitle.TryGetValue(passage.Section, out var titleTerms) ? coverage.Of(titleTerms) : 0;
            hits.Add(new SearchHit(passage, confidence, score, titleCoverage)
            {
                Cosine = dense?.Of(id) ?? -1f,
                QuestionCosine = dense?.OfQuestions(id) ?? -1f,
                Defines = defines,
            });
        }
        hits.Sort(LexicalOrder);
        if (mode != RetrievalMode.Lexical) hits = Fuse(hits, mode, concepts.Sum(c => c.Weight) < _tuning.InformativeWeight);
        // A clinic's question asked again is answered by the passage the clinic put it under (SearchTuning.AskedAgainSimilarity).
        if (mode != RetrievalMode.Lexical && hits.Count > 1 && hits.MaxBy(h => h.QuestionCosine) is { } asked
            && asked.QuestionCosine >= _tuning.AskedAgainSimilarity && asked.QuestionCosine > hits[0].QuestionCosine)
            hits = [asked, .. hits.Where(h => !ReferenceEquals(h, asked))];
        // "wat is acupunture": the model reads the misspelt question as near every passage that names
        // acupuncture, but a question for a definition is answered by the passage that gives it.
        if (defined is not null && mode != RetrievalMode.Dense && hits.Any(h => h.Defines)) hits = [.. hits.Where(h => h.Defines), .. hits.Where(h => !h.Defines)];
        return new SearchResult(hits.Take(maxHits).ToArray(), concepts) { UnknownWords = UnknownWordsOf(concepts) };
    }

    /// <summary>
    /// What the question compares when the articles compare none of it ("is acupuncture better than physio?"
    /// where the articles compare it with medication only); empty for a question that compares nothing, or
    /// something the articles do compare, in any form ("meds", "painkillers" for "medication"). The subject of
    /// the whole knowledge ("acupuncture", in most passages) is the side that is given, not a thing compared.
    /// </summary>
    public IReadOnlyList<string> UncomparedWordsOf(string question)
    {
        var compared = Comparison.ComparedWords(question)
            .Select(word => (Word: word, Concepts: _interpreter.Interpret(word)))
            .Where(side => !(side.Concepts is [var concept] && Vocabulary.DocumentFrequency(concept.Word) * 2 >= Vocabulary.PassageCount))
            .ToArray();
        foreach (var (_, concepts) in compared)
            foreach (var concept in concepts)
                if (concept.Forms.Any(f => _comparedTerms.Contains(f.Term))) return [];
        return compared.Select(side => side.Word).ToArray();
    }

    private string[] UnknownWordsOf(QueryConcept[] concepts) =>
        concepts.Where(c => !_askedVocabulary.Contains(c.Word) && !c.Forms.Any(f => Vocabulary.Contains(f.Term))).Select(c => c.Written).ToArray();

    /// <summary>With this weight the cosine decides the order among passages that cover the question alike.</summary>
    private const double WordsSayLittleDenseWeight = 10;

    private static int LexicalOrder(SearchHit a, SearchHit b) =>
        b.Score.CompareTo(a.Score) is var c && c != 0 ? c : a.Passage.Id.CompareTo(b.Passage.Id);

    /// <summary>
    /// The two signals fused: in hybrid mode each candidate's lexical score plus its cosine similarity,
    /// weighted (<see cref="SearchTuning.DenseWeight"/>); in dense mode the cosine alone. Both scores are on
    /// a 0-to-1 scale here (the lexical one is a share of the question), so a weighted sum is meaningful,
    /// and unlike rank fusion it keeps a strong lexical match ahead of a passage that is only similar.
    /// </summary>
    private List<SearchHit> Fuse(List<SearchHit> byLexical, RetrievalMode mode, bool wordsSayLittle)
    {
        // "is acupuncture enough by itself?": every passage covers "acupuncture", the question's only
        // word, so the lexical order is arbitrary and meaning alone can order the passages.
        var weight = mode == RetrievalMode.Dense ? 1.0 : wordsSayLittle ? WordsSayLittleDenseWeight : _tuning.DenseWeight;
        var fused = byLexical
            .Select(h => h with { FusedScore = (mode == RetrievalMode.Dense ? 0 : h.Score) + weight * Math.Max(0, h.Cosine) })
            .ToList();
        fused.Sort((a, b) => b.FusedScore.CompareTo(a.FusedScore) is var c && c != 0 ? c : a.Passage.Id.CompareTo(b.Passage.Id));
        return fused;
    }

    /// <summary>Lucene's best candidates for the question's concepts, best first.</summary>
    private ScoreDoc[] LexicalCandidates(QueryConcept[] concepts)
    {
        if (concepts.Length == 0) return [];
        var query = BuildQuery(concepts);
        if (query.Clauses.Count == 0) return [];
        // A collector that takes documents in order: Lucene then scores the clauses with BooleanScorer2,
        // not with the out-of-order BooleanScorer, whose 2,048-bucket table is ~100 KB for every search.
        var collector = TopScoreDocCollector.Create(_tuning.Candidates, docsScoredInOrder: true);
        _searcher.Search(query, collector);
        return collector.GetTopDocs().ScoreDocs;
    }

    private BooleanQuery BuildQuery(IEnumerable<QueryConcept> concepts)
    {
        var query = new BooleanQuery();
        foreach (var concept in concepts)
        {
            // One clause per concept: its forms compete (best one counts) so synonyms cannot stack up.
            var forms = new DisjunctionMaxQuery(tieBreakerMultiplier: 0.1f);
            // Clauses only for terms the field holds: a clause for an absent term finds nothing, yet
            // costs a terms-dictionary lookup that allocates.
            foreach (var form in concept.Forms.Where(f => Vocabulary.Contains(f.Term)))
            {
                var factor = (float)form.Factor;
                forms.Add(TermQueryFor(TextField, form.Term, factor));
                if (_titleVocabulary.Contains(form.Term))
                    forms.Add(TermQueryFor(TitleField, form.Term, factor * _tuning.TitleBoost));
                if (_questionVocabulary.Contains(form.Term))
                    forms.Add(TermQueryFor(QuestionField, form.Term, factor * _tuning.QuestionBoost));
            }
            if (forms.Disjuncts.Count > 0) query.Add(forms, Occur.SHOULD);
        }
        return query;
    }

    /// <summary>
    /// A term query whose term statistics are looked up once per index, not per search: a lookup walks
    /// Lucene's terms dictionary and allocates several kilobytes each time. The cache is bounded by the
    /// vocabulary, and the index never changes once built.
    /// </summary>
    private TermQuery TermQueryFor(string field, string text, float boost)
    {
        var term = new Term(field, text);
        var states = _termStates[field].GetOrAdd(text, static (_, state) => TermContext.Build(state.Context, state.Term), (_reader.Context, Term: term));
        return new TermQuery(term, states) { Boost = boost };
    }

    /// <summary>The X of "what is X?": its words as typed and as analysed, worked out once per search.</summary>
    private readonly record struct DefinedSubject(string[] Words, IReadOnlyList<string> Terms)
    {
        /// <summary>
        /// The subject as the search read it: a word the knowledge does not hold stands for its spelling
        /// correction, so "wat is acupunture" still finds the passage that defines acupuncture.
        /// </summary>
        public static DefinedSubject Of(string subject, PassageAnalyzer analyzer, QueryConcept[] concepts, Vocabulary vocabulary)
        {
            var terms = analyzer.Terms(subject)
                .Select(term => vocabulary.Contains(term)
                    ? term
                    : concepts.FirstOrDefault(c => c.Word == term)?.Forms.Where(f => vocabulary.Contains(f.Term)).MaxBy(f => f.Factor)?.Term ?? term)
                .ToArray();
            return new(subject.Split(' ', StringSplitOptions.RemoveEmptyEntries), terms);
        }
    }

    /// <summary>
    /// Whether the passage opens by defining the subject: "Acupuncture is a ..." for "what is acupuncture?",
    /// but not "While acupuncture is generally safe": the words before "is" must be the subject alone.
    /// </summary>
    private bool Defines(Passage passage, DefinedSubject subject)
    {
        var count = subject.Words.Length;
        var opening = passage.Text.Split(' ', count + 3, StringSplitOptions.RemoveEmptyEntries);
        var start = opening.Length > 0 && opening[0].ToLowerInvariant() is "a" or "an" or "the" ? 1 : 0;
        if (opening.Length <= start + count) return false;
        var verb = opening[start + count].ToLowerInvariant();
        if (verb is not ("is" or "are" or "means" or "refers")) return false;
        var written = _analyzer.Terms(string.Join(' ', opening[start..(start + count)]));
        return written.Count > 0 && written.SequenceEqual(subject.Terms);
    }

    private static Document ToDocument(Passage passage)
    {
        var document = new Document
        {
            new NumericDocValuesField(IdField, passage.Id),
            new TextField(TextField, passage.Text, Field.Store.NO),
        };
        if (passage.Kind == PassageKind.Curated)
            document.Add(new TextField(QuestionField, string.Join("\n", passage.Questions), Field.Store.NO));
        else
            document.Add(new TextField(TitleField, passage.Section.Title, Field.Store.NO));
        return document;
    }

    private static string PassageText(Passage passage) => string.Join("\n", [passage.Text, passage.Section.Title, .. passage.Questions]);

    /// <summary>Records each word of the passage as written, with its stem, for spelling correction.</summary>
    private static void CollectWords(Passage passage, PassageAnalyzer analyzer, PassageAnalyzer surfaceAnalyzer, Dictionary<string, string> stemOfWord)
    {
        foreach (var word in surfaceAnalyzer.Terms(PassageText(passage)))
            if (!stemOfWord.ContainsKey(word) && analyzer.Terms(word) is [var stem])
                stemOfWord[word] = stem;
    }

    /// <summary>The sorted distinct term ids of a passage, its title and questions; counts the terms into the vocabulary.</summary>
    private static int[] PassageTerms(Passage passage, PassageAnalyzer analyzer, Dictionary<string, int> documentFrequency, TermIds termIds)
    {
        var terms = new HashSet<string>(analyzer.Terms(PassageText(passage)), StringComparer.Ordinal);
        foreach (var term in terms)
        {
            ref var df = ref CollectionsMarshal.GetValueRefOrAddDefault(documentFrequency, term, out _);
            df++;
        }
        return termIds.SortedIdsOf(terms);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static int[] ReadPassageIds(DirectoryReader reader)
    {
        var ids = new int[reader.MaxDoc];
        var values = MultiDocValues.GetNumericValues(reader, IdField);
        for (var doc = 0; doc < ids.Length && values is not null; doc++) ids[doc] = (int)values.Get(doc);
        return ids;
    }
}
