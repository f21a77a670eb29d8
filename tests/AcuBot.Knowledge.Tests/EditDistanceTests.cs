using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Tests;

public class EditDistanceTests
{
    [Theory]
    [InlineData("needl", "needl", 0)]
    [InlineData("neddl", "needl", 1)]  // substitution
    [InlineData("nedl", "needl", 1)]   // insertion
    [InlineData("neeedl", "needl", 1)] // deletion
    [InlineData("nedel", "needl", 1)]  // swap of neighbours counts once
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    public void Distance_within_the_limit_is_exact(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Compute(a, b, limit: 5));
        Assert.Equal(expected, EditDistance.Compute(b, a, limit: 5));
    }

    [Fact]
    public void Optimal_string_alignment_does_not_edit_a_swapped_pair_again()
    {
        // "ca" -> "abc" is 2 by true Damerau-Levenshtein, 3 by optimal string alignment.
        Assert.Equal(3, EditDistance.Compute("ca", "abc", limit: 5));
    }

    [Theory]
    [InlineData("acupunctur", "needl", 1)]  // lengths alone differ by more than the limit
    [InlineData("abcdef", "uvwxyz", 2)]     // every row exceeds the limit
    [InlineData("akupinctr", "acupunctur", 2)]
    public void Distance_over_the_limit_is_reported_as_over_the_limit(string a, string b, int limit)
    {
        Assert.True(EditDistance.Compute(a, b, limit) > limit);
    }
}
