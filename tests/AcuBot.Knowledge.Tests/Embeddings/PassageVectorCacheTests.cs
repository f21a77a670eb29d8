using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AcuBot.Knowledge.Tests.Embeddings;

public sealed class PassageVectorCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string CacheFile => Path.Combine(_folder.Path, "vectors.bin");

    [Fact]
    public void A_restart_with_the_same_texts_embeds_nothing_and_gets_the_same_vectors()
    {
        var model = new CountingEmbedder();
        var first = new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles", "risks", "sessions"], model);

        var restarted = new CountingEmbedder();
        var second = new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles", "risks", "sessions"], restarted);

        Assert.Equal(3, model.TextsEmbedded);
        Assert.Equal(0, restarted.TextsEmbedded);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Only_new_or_changed_texts_are_embedded_and_the_file_keeps_only_the_current_ones()
    {
        new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles", "risks"], new CountingEmbedder());

        var model = new CountingEmbedder();
        var vectors = new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles", "risks, edited"], model);

        Assert.Equal([["risks, edited"]], model.Calls);
        Assert.Equal(model.VectorOf("risks, edited"), vectors[1]);
        var again = new CountingEmbedder();
        new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["risks"], again);
        Assert.Equal(1, again.TextsEmbedded); // "risks" was dropped from the file when it left the knowledge
    }

    [Fact]
    public void A_damaged_or_foreign_file_is_ignored_and_rebuilt()
    {
        File.WriteAllBytes(CacheFile, [1, 0, 0, 0, 200, 1, 2, 3]);

        var model = new CountingEmbedder();
        var vectors = new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles"], model);

        Assert.Equal(model.VectorOf("needles"), vectors[0]);
        var restarted = new CountingEmbedder();
        new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles"], restarted);
        Assert.Equal(0, restarted.TextsEmbedded);
    }

    [Fact]
    public void Vectors_of_another_model_are_not_reused()
    {
        new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles"], new CountingEmbedder(8));

        var other = new CountingEmbedder(4);
        var vectors = new PassageVectorCache(CacheFile, NullLogger.Instance).VectorsFor(["needles"], other);

        Assert.Equal(1, other.TextsEmbedded);
        Assert.Equal(4, vectors[0].Length);
    }

    public void Dispose() => _folder.Dispose();
}
