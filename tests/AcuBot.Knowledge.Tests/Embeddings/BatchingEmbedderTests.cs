using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Tests.Embeddings;

public class BatchingEmbedderTests
{
    [Fact]
    public async Task Messages_that_arrive_while_the_model_is_busy_go_in_one_call_and_each_gets_its_own_vector()
    {
        var model = new CountingEmbedder();
        using var embedder = new BatchingEmbedder(model, maxBatch: 32, cacheSize: 100);
        model.Gate.Reset();
        var first = embedder.EmbedAsync("first");
        await WaitUntil(() => model.Calls.Count == 0 && first.Status != TaskStatus.RanToCompletion);
        var waiting = Enumerable.Range(0, 10).Select(i => embedder.EmbedAsync($"question {i}")).ToArray();

        model.Gate.Set();
        var vectors = await Task.WhenAll(waiting);

        Assert.Equal(model.VectorOf("first"), await first);
        for (var i = 0; i < vectors.Length; i++) Assert.Equal(model.VectorOf($"question {i}"), vectors[i]);
        Assert.True(model.Calls.Count <= 3, $"{model.Calls.Count} calls for 11 messages");
        Assert.Contains(model.Calls, call => call.Length >= 5);
    }

    [Fact]
    public async Task A_repeated_message_is_answered_from_the_cache_whatever_its_case_and_spacing()
    {
        var model = new CountingEmbedder();
        using var embedder = new BatchingEmbedder(model, maxBatch: 8, cacheSize: 100);

        var once = await embedder.EmbedAsync("Does it  HURT?");
        var again = await embedder.EmbedAsync("does it hurt?");

        Assert.Same(once, again);
        Assert.Equal([["does it hurt?"]], model.Calls);
    }

    [Fact]
    public async Task The_cache_never_holds_more_than_its_capacity()
    {
        var model = new CountingEmbedder();
        using var embedder = new BatchingEmbedder(model, maxBatch: 8, cacheSize: 5);

        for (var i = 0; i < 50; i++) await embedder.EmbedAsync($"message {i}");

        Assert.InRange(embedder.CachedVectors, 1, 5);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(10);
        await Task.Delay(50); // the worker has taken "first" and is blocked in the model
    }
}
