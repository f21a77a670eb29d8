using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// BM25 scored exactly as Lucene's <see cref="BM25Similarity"/> scores it (same norms, same formulas, same
/// floating-point steps: a test holds the two to equal scores), without what that class allocates for every
/// term of every search: a 256-entry table of length norms, which depends only on the field's average length
/// and so is the same for every search of an index that never changes, and an explanation with its text.
/// Under load those were about a tenth of what an answer allocated (docs/benchmarks.md).
/// </summary>
internal sealed class Bm25WithSharedNorms : Similarity
{
    private readonly Formulas _bm25 = new();

    /// <summary>One table per field and average length: a handful per index.</summary>
    private readonly ConcurrentDictionary<(string Field, float AverageLength), float[]> _lengthNorms = new();

    public override long ComputeNorm(FieldInvertState state) => _bm25.ComputeNorm(state);

    public override float Coord(int overlap, int maxOverlap) => _bm25.Coord(overlap, maxOverlap);

    public override float QueryNorm(float valueForNormalization) => _bm25.QueryNorm(valueForNormalization);

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats)
    {
        float idf = 0;
        foreach (var term in termStats) idf += _bm25.InverseDocumentFrequency(term.DocFreq, collectionStats.MaxDoc);
        var averageLength = _bm25.AverageLength(collectionStats);
        var lengthNorms = _lengthNorms.GetOrAdd((collectionStats.Field, averageLength),
            static (key, bm25) => bm25.LengthNorms(key.AverageLength), _bm25);
        return new Bm25Weight(collectionStats.Field, idf, queryBoost, lengthNorms);
    }

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context)
    {
        var stats = (Bm25Weight)weight;
        return new DocScorer(stats, context.AtomicReader.GetNormValues(stats.Field), _bm25.K1);
    }

    /// <summary>Lucene's own BM25 formulas (norm encoding, idf, average length), reached through a subclass.</summary>
    private sealed class Formulas : BM25Similarity
    {
        public float InverseDocumentFrequency(long docFreq, long numDocs) => Idf(docFreq, numDocs);

        public float AverageLength(CollectionStatistics collection) => AvgFieldLength(collection);

        /// <summary>The part of BM25 that depends on a passage's length, for each of the 256 encoded lengths.</summary>
        public float[] LengthNorms(float averageLength)
        {
            var table = new float[256];
            for (var i = 0; i < table.Length; i++)
                table[i] = K1 * ((1 - B) + B * DecodeNormValue((byte)i) / averageLength);
            return table;
        }
    }

    private sealed class Bm25Weight(string field, float idf, float queryBoost, float[] lengthNorms) : SimWeight
    {
        public string Field { get; } = field;
        public float[] LengthNorms { get; } = lengthNorms;

        /// <summary>idf times the query's boosts; BM25 leaves out the query norm.</summary>
        public float Value { get; private set; } = idf * queryBoost;

        public override float GetValueForNormalization()
        {
            var queryWeight = idf * queryBoost;
            return queryWeight * queryWeight;
        }

        public override void Normalize(float queryNorm, float topLevelBoost) => Value = idf * queryBoost * topLevelBoost;
    }

    private sealed class DocScorer(Bm25Weight stats, NumericDocValues? norms, float k1) : SimScorer
    {
        private readonly float _weightValue = stats.Value * (k1 + 1);

        public override float Score(int doc, float freq)
        {
            // Without norms the field is scored as if every passage had the average length (b = 0).
            var norm = norms is null ? k1 : stats.LengthNorms[(byte)norms.Get(doc) & 0xFF];
            return _weightValue * freq / (freq + norm);
        }

        public override float ComputeSlopFactor(int distance) => 1.0f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, Lucene.Net.Util.BytesRef payload) => 1;
    }
}
