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

    /// <summary>
    /// The index of the vector of <paramref name="candidates"/> nearest <paramref name="query"/> (the first
    /// of equals) and their cosine; (-1, -1) when there are none. Brute force, exact.
    /// </summary>
    public static (int Index, float Similarity) Nearest(ReadOnlySpan<float> query, ReadOnlySpan<float[]> candidates)
    {
        var (best, similarity) = (-1, -1f);
        for (var i = 0; i < candidates.Length; i++)
        {
            var cosine = Dot(query, candidates[i]);
            if (best < 0 || cosine > similarity) (best, similarity) = (i, cosine);
        }
        return (best, similarity);
    }
}
