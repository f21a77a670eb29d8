using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Tests.Embeddings;

/// <summary>
/// A stand-in model that makes a deterministic unit vector from a text's characters and records every
/// call, so tests can tell which texts reached the model and in which batches.
/// </summary>
public sealed class CountingEmbedder(int dimensions = 8) : ISentenceEmbedder
{
    private readonly List<string[]> _calls = [];

    public string ModelId => "counting-test-model";
    public int Dimensions => dimensions;

    /// <summary>Blocks each call until set, to let concurrent requests pile up.</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public IReadOnlyList<string[]> Calls { get { lock (_calls) return _calls.ToArray(); } }

    public int TextsEmbedded => Calls.Sum(c => c.Length);

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Gate.Wait(cancellationToken);
        lock (_calls) _calls.Add(texts.ToArray());
        return texts.Select(VectorOf).ToArray();
    }

    public float[] VectorOf(string text)
    {
        var vector = new float[dimensions];
        foreach (var c in text) vector[c % dimensions] += 1;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return norm == 0 ? vector : vector.Select(v => v / norm).ToArray();
    }
}
