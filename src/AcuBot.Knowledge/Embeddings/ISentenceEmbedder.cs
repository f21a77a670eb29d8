namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// Turns sentences into unit-length vectors whose dot product says how close their meanings are
/// (1: the same, near 0: unrelated). Deterministic: the same text gives the same vector every time.
/// </summary>
public interface ISentenceEmbedder
{
    /// <summary>Names the model and its version: vectors of different models never mix (the disk cache keys on it).</summary>
    string ModelId { get; }

    int Dimensions { get; }

    /// <summary>One vector per text, in order. Blocks the calling thread for the model's work.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
