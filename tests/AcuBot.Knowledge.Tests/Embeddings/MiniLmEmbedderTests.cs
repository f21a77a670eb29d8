using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Tests.Embeddings;

/// <summary>
/// The model's lifetime: a host that stops while passages are still being embedded in the background
/// disposes the model under a running call, which once crashed the whole process inside ONNX Runtime.
/// </summary>
public sealed class MiniLmEmbedderTests
{
    [Fact]
    public async Task Disposing_during_a_call_lets_the_call_finish_and_refuses_later_ones()
    {
        var model = new MiniLmEmbedder(threads: 1);
        var texts = Enumerable.Range(0, 400).Select(i => $"sentence number {i} about needles and a sore lower back").ToArray();
        using var started = new ManualResetEventSlim();
        var call = Task.Run(() => { started.Set(); return model.Embed(texts); });
        started.Wait();
        await Task.Delay(50); // well inside the call, which takes seconds

        model.Dispose();
        var vectors = await call;

        Assert.Equal(texts.Length, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(model.Dimensions, v.Length));
        Assert.Throws<ObjectDisposedException>(() => model.Embed(["one more"]));
        model.Dispose(); // twice is harmless
    }
}
