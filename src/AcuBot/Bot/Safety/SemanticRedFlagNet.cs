using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Bot.Safety;

/// <summary>
/// The second red-flag detector: a message's meaning compared with the example sentences of every rule
/// and with the ordinary examples (knowledge/red-flags.txt). One absolute cosine threshold does not
/// separate urgent from ordinary messages with this model (a plain "I've had back pain for years" comes
/// closer to a trauma example than a misspelt "i want to kil myself" to a self-harm one), so a message is
/// flagged when it is very close to a red-flag example and no nearer to an ordinary one, or close enough
/// AND nearer to it than to every ordinary example by a margin: the ordinary examples mark where harmless
/// messages that sound alarming lie. A crisis gets a lower floor with a wider margin, since its wording
/// strays furthest from any example (RedFlagOptions).
/// </summary>
public sealed class SemanticRedFlagNet
{
    private readonly RedFlagExample[] _examples;
    private readonly float[][] _exampleVectors;
    private readonly float[][] _ordinaryVectors;

    public SemanticRedFlagNet(IReadOnlyList<RedFlagExample> examples, float[][] exampleVectors, float[][] ordinaryVectors)
    {
        _examples = examples.ToArray();
        _exampleVectors = exampleVectors;
        _ordinaryVectors = ordinaryVectors;
    }

    public int ExampleCount => _examples.Length;

    /// <summary>
    /// Embeds the rules' examples (through the vector cache, so a restart does not embed them again). The
    /// examples of small talk count as ordinary ones too: "goodnight, off to sleep now" is a goodbye, not a farewell.
    /// </summary>
    public static SemanticRedFlagNet Build(RedFlagRules rules, ISentenceEmbedder model, PassageVectorCache cache, IReadOnlyList<float[]>? smallTalk = null)
    {
        var texts = rules.Examples.Select(e => e.Text).Concat(rules.OrdinaryExamples).ToArray();
        var vectors = cache.VectorsFor(texts, model);
        return new SemanticRedFlagNet(rules.Examples, vectors[..rules.Examples.Count], [.. vectors[rules.Examples.Count..], .. smallTalk ?? []]);
    }

    /// <summary>The nearest red-flag example and the nearest ordinary one, for the decision and for <c>ask --explain</c>.</summary>
    public SemanticEvidence Compare(ReadOnlySpan<float> message)
    {
        var (nearest, similarity) = Vectors.Nearest(message, _exampleVectors);
        var (_, ordinary) = Vectors.Nearest(message, _ordinaryVectors);
        return new SemanticEvidence(nearest < 0 ? null : _examples[nearest], similarity, ordinary);
    }

    /// <summary>
    /// One clause of a message, weighed against the ordinary examples as near the clause or as near the whole
    /// message: "my dad has had a bad back for 15 years" sounds like a red flag alone, but the whole message
    /// around it ("..., would he be a good candidate?") is an ordinary question.
    /// </summary>
    public SemanticEvidence CompareClause(ReadOnlySpan<float> clause, SemanticEvidence whole)
    {
        var evidence = Compare(clause);
        return evidence with { OrdinarySimilarity = Math.Max(evidence.OrdinarySimilarity, whole.OrdinarySimilarity) };
    }

    /// <summary>The rule whose example the message means, or null.</summary>
    public RedFlagMatch? Match(ReadOnlySpan<float> message, RedFlagOptions thresholds) =>
        Compare(message) is { Nearest: { } nearest } evidence && evidence.IsRedFlag(thresholds) ? nearest.Flag : null;
}

/// <summary>How close a message came to the nearest red-flag example and to the nearest ordinary one.</summary>
public sealed record SemanticEvidence(RedFlagExample? Nearest, float Similarity, float OrdinarySimilarity)
{
    public bool IsRedFlag(RedFlagOptions thresholds) =>
        Nearest is not null
        && ((Similarity >= thresholds.SureSimilarity && Similarity >= OrdinarySimilarity)
            || (Similarity >= thresholds.MinSimilarity && Similarity - OrdinarySimilarity >= thresholds.Margin)
            || (Nearest.Flag.Category == RedFlagCategory.Crisis
                && Similarity >= thresholds.CrisisMinSimilarity && Similarity - OrdinarySimilarity >= thresholds.CrisisMargin));
}
