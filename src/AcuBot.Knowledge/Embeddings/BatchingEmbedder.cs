using System.Text;
using System.Threading.Channels;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// Embeds one message at a time for the turn, while the model works on several at once: messages that
/// arrive while the model is busy wait for the next call and go in together. Measured on two cores
/// (docs/benchmarks.md): a call of 8 questions costs 2.5x less per question than 8 calls of one, one
/// worker per core with a single-threaded model beats one worker with two threads, and since a call pads
/// every text to the longest, single words (the turn's incidental-word test) go in a call of their own.
/// Repeated texts come from a bounded cache. The text is normalised first (lower case, single spaces),
/// and the normalised text is what is embedded, so the vector does not depend on which copy came first.
/// The model gives the same vector for a text whether alone or in a batch, on any worker.
/// </summary>
public sealed class BatchingEmbedder : IDisposable
{
    private readonly ISentenceEmbedder _model;
    private readonly QueryVectorCache _cache;
    private readonly int _maxBatch;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>();
    private readonly Thread[] _workers;

    /// <summary>Texts up to this long (a word or two) are embedded apart from sentences, which would pad them.</summary>
    private const int ShortText = 16;

    /// <param name="workers">Threads calling the model at once (0: one per core).</param>
    public BatchingEmbedder(ISentenceEmbedder model, int maxBatch, int cacheSize, int workers = 1)
    {
        _model = model;
        _maxBatch = Math.Max(1, maxBatch);
        _cache = new QueryVectorCache(cacheSize);
        // Threads of their own: the model's calls block for milliseconds and must not hold pool threads.
        _workers = Enumerable.Range(0, workers > 0 ? workers : Environment.ProcessorCount)
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"sentence embedder {i + 1}" })
            .ToArray();
        foreach (var worker in _workers) worker.Start();
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
            Embed(batch.Where(r => r.Text.Length <= ShortText).ToArray());
            Embed(batch.Where(r => r.Text.Length > ShortText).ToArray());
        }
    }

    private void Embed(Request[] requests)
    {
        if (requests.Length == 0) return;
        try
        {
            var vectors = _model.Embed(requests.Select(r => r.Text).ToArray());
            for (var i = 0; i < requests.Length; i++)
            {
                _cache.Add(requests[i].Text, vectors[i]);
                requests[i].Completion.TrySetResult(vectors[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var request in requests) request.Completion.TrySetException(ex);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        foreach (var worker in _workers) worker.Join(TimeSpan.FromSeconds(5));
    }

    private sealed record Request(string Text, TaskCompletionSource<float[]> Completion, CancellationToken Cancellation);
}
