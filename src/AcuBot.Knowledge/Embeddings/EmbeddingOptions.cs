namespace AcuBot.Knowledge.Embeddings;

/// <summary>The sentence-embedding model and its caches; bound from the "Embeddings" section.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>Whether the model is loaded at all. Off: lexical search and the red-flag rules only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Threads the model may use inside one call (0: one per core). One, with a worker per core, measured best.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Calls of the model that may run at once (0: one per core).</summary>
    public int Workers { get; set; }

    /// <summary>At most this many concurrent messages are embedded in one call (8 measured best on two cores).</summary>
    public int MaxBatch { get; set; } = 8;

    /// <summary>Vectors of recent messages kept by their text, so a repeated question costs no model call.</summary>
    public int QueryCacheSize { get; set; } = 10_000;

    /// <summary>
    /// From this many passages without a cached vector (a first start with a large knowledge base), they are
    /// embedded in the background while the bot answers lexically; below it the knowledge is ready with them.
    /// </summary>
    public int BackgroundFrom { get; set; } = 2_000;

    /// <summary>
    /// Folder (relative to the settings' folder) for the cache of passage vectors, so that a restart does
    /// not embed an unchanged knowledge base again. Empty: no disk cache.
    /// </summary>
    public string CacheFolder { get; set; } = "data";
}
