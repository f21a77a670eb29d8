using System.Collections.Concurrent;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// Vectors of recent messages by their text. Bounded: when full it is emptied at once, which costs a
/// few model calls and keeps the memory a client can make the bot hold to <c>capacity</c> vectors.
/// </summary>
public sealed class QueryVectorCache(int capacity)
{
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public int Count => _vectors.Count;

    public bool TryGet(string text, out float[] vector) => _vectors.TryGetValue(text, out vector!);

    public void Add(string text, float[] vector)
    {
        if (capacity <= 0) return;
        if (_vectors.Count >= capacity) _vectors.Clear();
        _vectors[text] = vector;
    }
}
