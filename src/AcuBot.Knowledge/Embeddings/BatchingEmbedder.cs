using System.Text;
using System.Threading.Channels;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// Embeds one message at a time for the turn, while the model works on many at once: messages that
/// arrive while the model is busy wait for the next call and go in together. One call of 32 short
/// sentences costs about a third less per sentence than 32 calls of one (docs/benchmarks.md). Repeated
/// messages come from a bounded cache. The text is normalised first (lower case, single spaces), and the
/// normalised text is what is embedded, so the vector does not depend on which copy came first.
/// </summary>
public sealed class BatchingEmbedder : IDisposable
{
    private readonly ISentenceEmbedder _model;
    private readonly QueryVectorCache _cache;
    private readonly int _maxBatch;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _worker;

    public BatchingEmbedder(ISentenceEmbedder model, int maxBatch, int cacheSize)
    {
        _model = model;
        _maxBatch = Math.Max(1, maxBatch);
        _cache = new QueryVectorCache(cacheSize);
        // A thread of its own: the model's calls block for milliseconds and must not hold pool threads.
        _worker = new Thread(Work) { IsBackground = true, Name = "sentence embedder" };
        _worker.Start();
    }

    public ISentenceEmbedder Model => _model;

    public int CachedVectors => _cache.Count;

    /// <summary>The vector of a message (a shared array: callers must not change it).</summary>
    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        var key = Normalise(text);
        if (_cache.TryGet(key, out var cached)) return Task.FromResult(cached);
        var request = new Request(key, new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        if (!_queue.Writer.TryWrite(request)) return Task.FromException<float[]>(new ObjectDisposedException(nameof(BatchingEmbedder)));
        return request.Completion.Task;
    }

    /// <summary>Lower case, whitespace runs as one space, trimmed: "Does it  HURT?" and "does it hurt?" are one entry.</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    private void Work()
    {
        var batch = new List<Request>(_maxBatch);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var request))
            {
                if (request.Cancellation.IsCancellationRequested) request.Completion.TrySetCanceled(request.Cancellation);
                else batch.Add(request);
            }
            if (batch.Count == 0) continue;
            try
            {
                var vectors = _model.Embed(batch.Select(r => r.Text).ToArray());
                for (var i = 0; i < batch.Count; i++)
                {
                    _cache.Add(batch[i].Text, vectors[i]);
                    batch[i].Completion.TrySetResult(vectors[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var request in batch) request.Completion.TrySetException(ex);
            }
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _worker.Join(TimeSpan.FromSeconds(5));
    }

    private sealed record Request(string Text, TaskCompletionSource<float[]> Completion, CancellationToken Cancellation);
}
