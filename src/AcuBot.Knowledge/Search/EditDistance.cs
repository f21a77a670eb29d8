namespace AcuBot.Knowledge.Search;

/// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
public static class EditDistance
{
    /// <summary>Words up to this length keep their three rows on the stack: every message's words are compared on the hot path.</summary>
    private const int StackLimit = 64;

    /// <summary>The distance, or any value above <paramref name="limit"/> once it is known to exceed it.</summary>
    public static int Compute(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var width = b.Length + 1;
        Span<int> rows = b.Length < StackLimit ? stackalloc int[3 * width] : new int[3 * width];
        // Three rows taken in turn: the one before last (for swaps), the last one, and the one being filled.
        var previous2 = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (int j = 0; j <= b.Length; j++) previous[j] = j;

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > limit) return limit + 1;
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }
}
