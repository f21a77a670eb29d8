using AcuBot.Knowledge.Documents;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// A ranked passage. <see cref="Confidence"/> (0 to 1) is the share of the question's weight that the
/// passage and its section title cover; <see cref="Score"/> orders the hits. <see cref="TitleCoverage"/>
/// is the share the section title covers alone: near 1, the question is about the section as a whole.
/// </summary>
public sealed record SearchHit(Passage Passage, double Confidence, double Score, double TitleCoverage)
{
    public Section Section => Passage.Section;

    /// <summary>Cosine similarity of the question's and the passage's sentence vectors; -1 without them.</summary>
    public float Cosine { get; init; } = -1f;

    /// <summary>How close the passage's questions (curated, or from a question file) come to the patient's; -1 without any.</summary>
    public float QuestionCosine { get; init; } = -1f;

    /// <summary>Whether the question asks what something is ("what is qi?") and the passage opens by saying it ("Qi is ...").</summary>
    public bool Defines { get; init; }

    /// <summary>The score the hits are ordered by in hybrid and dense retrieval; 0 in lexical.</summary>
    public double FusedScore { get; init; }
}

/// <summary>Which signals rank the passages: words (Lucene), meaning (sentence vectors), or both fused.</summary>
public enum RetrievalMode
{
    Hybrid,
    Lexical,
    Dense,
}

/// <summary>The hits for a question, best first, and how the question was understood.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, IReadOnlyList<QueryConcept> Concepts)
{
    public SearchHit? Best => Hits.Count > 0 ? Hits[0] : null;

    /// <summary>
    /// Words of the question that the knowledge never uses, in any form (spelling correction and synonyms
    /// included), neither in its passages nor in the questions its question files give them: "diabetes" in
    /// "can acupuncture cure diabetes?". A passage that is merely similar in
    /// meaning does not answer a question about something the knowledge never names.
    /// </summary>
    public IReadOnlyList<string> UnknownWords { get; init; } = [];

    public static SearchResult Empty { get; } = new([], []);
}
