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
}

/// <summary>The hits for a question, best first, and how the question was understood.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, IReadOnlyList<QueryConcept> Concepts)
{
    public SearchHit? Best => Hits.Count > 0 ? Hits[0] : null;

    public static SearchResult Empty { get; } = new([], []);
}
