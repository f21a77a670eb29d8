using AcuBot.Knowledge.Embeddings;
using Microsoft.Extensions.Options;

namespace AcuBot.Knowledge;

/// <summary>
/// The sentence-embedding model of this process, loaded once. When it cannot load (or is switched off)
/// the bot still runs, on lexical search and the red-flag patterns alone, and says why in the log and in
/// <c>/healthz</c>.
/// </summary>
public sealed class SentenceModel : IDisposable
{
    private readonly MiniLmEmbedder? _model;

    public SentenceModel(IOptions<EmbeddingOptions> options, ILogger<SentenceModel> logger)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            Problem = "switched off (Embeddings:Enabled is false)";
            KnowledgeLog.ModelSwitchedOff(logger, null);
            return;
        }
        try
        {
            _model = new MiniLmEmbedder(settings.Threads);
            Embedder = new BatchingEmbedder(_model, settings.MaxBatch, settings.QueryCacheSize, settings.Workers);
            // Loading copies the 90 MB model out of the package's DLL into a managed array that ONNX Runtime
            // then copies again; the first copy is garbage at once. An aggressive collection hands its memory
            // back to the system now, instead of the bot keeping it for good (docs/benchmarks.md: -90 MB RSS).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        catch (Exception ex)
        {
            // Any failure here (a missing native library, a damaged package) must not keep the bot from answering.
            Problem = "could not load: " + ex.Message;
            KnowledgeLog.ModelFailed(logger, ex);
        }
    }

    /// <summary>The model behind its batching queue; null when it did not load.</summary>
    public BatchingEmbedder? Embedder { get; }

    /// <summary>Why the model is not in use; null when it is.</summary>
    public string? Problem { get; }

    public void Dispose()
    {
        Embedder?.Dispose();
        _model?.Dispose();
    }
}
