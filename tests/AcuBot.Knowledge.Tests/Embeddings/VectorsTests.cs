using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Tests.Embeddings;

public sealed class VectorsTests
{
    [Fact]
    public void The_nearest_vector_is_the_one_with_the_highest_cosine_and_the_first_of_equals()
    {
        float[][] candidates = [[0f, 1f], [0.6f, 0.8f], [1f, 0f], [0.6f, 0.8f]];

        var (index, similarity) = Vectors.Nearest([0.8f, 0.6f], candidates);

        Assert.Equal(1, index);   // 0.96, tied with the last one
        Assert.Equal(0.96f, similarity, 5);
    }

    [Fact]
    public void Among_no_candidates_there_is_no_nearest() =>
        Assert.Equal((-1, -1f), Vectors.Nearest([1f, 0f], ReadOnlySpan<float[]>.Empty));

    [Fact]
    public void A_nearest_vector_may_point_away_from_the_query() =>
        Assert.Equal((0, -1f), Vectors.Nearest([1f, 0f], new float[][] { [-1f, 0f] }));
}
