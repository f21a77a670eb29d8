using System.Numerics;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>Arithmetic on embedding vectors.</summary>
public static class Vectors
{
    /// <summary>The dot product; for unit vectors, their cosine similarity.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        var total = Vector.Sum(sum);
        for (; i < length; i++) total += a[i] * b[i];
        return total;
    }
}
