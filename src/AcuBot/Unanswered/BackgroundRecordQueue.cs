using System.Threading.Channels;

namespace AcuBot.Unanswered;

/// <summary>
/// The write path of the unanswered-question stores (SQLite and PostgreSQL alike): a record leaves the turn
/// at once through a bounded queue that one background task drains, so a slow database never slows an
/// answer. A full queue drops the record and counts it, never waits: a turn must not block on the log, and
/// memory stays bounded whatever the load. The store only says how to write one batch; the queue decides
/// when, and how many go in one transaction.
/// </summary>
/// <remarks>Closing (<see cref="Dispose"/>) writes what is queued, waiting a few seconds at most.</remarks>
internal sealed class BackgroundRecordQueue<T> : IDisposable
{
    /// <summary>Records waiting at most; past it they are dropped (and counted).</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>Records written in one transaction at most.</summary>
    public const int DefaultMaxBatch = 500;

    /// <summary>
    /// How long the writer lets records gather after the first one arrives: under load one wake-up and one
    /// transaction take a few hundred questions instead of a handful (docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan DefaultGatherWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>How long closing waits for the queued records to be written before it gives up (and says so).</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly Channel<T> _queue;
    private readonly Func<IReadOnlyList<T>, Task> _writeBatch;
    private readonly Func<Exception, bool> _isStoreFailure;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly TimeSpan _gatherWindow;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writer;
    private long _dropped;

    /// <param name="writeBatch">Writes one batch in one transaction; the list is only valid during the call.</param>
    /// <param name="isStoreFailure">
    /// The store's own failures (an unreachable server, a locked file): logged and the batch lost, so the writer
    /// goes on with the next one. Anything else is a bug and ends the writer.
    /// </param>
    public BackgroundRecordQueue(Func<IReadOnlyList<T>, Task> writeBatch, Func<Exception, bool> isStoreFailure, ILogger logger,
        int capacity = DefaultCapacity, int maxBatch = DefaultMaxBatch, TimeSpan? gatherWindow = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        // Wait, not DropWrite: with DropWrite TryWrite drops silently and still says true, so nothing could count
        // the drop. TryWrite itself never waits; with Wait it says false when the queue is full.
        _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _writeBatch = writeBatch;
        _isStoreFailure = isStoreFailure;
        _logger = logger;
        _maxBatch = maxBatch;
        _gatherWindow = gatherWindow ?? DefaultGatherWindow;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Records dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a record, or drops and counts it when the queue is full; never waits.</summary>
    public void Add(T record)
    {
        // False when the queue is full, or closed (a record after Dispose is dropped too).
        if (!_queue.Writer.TryWrite(record))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Takes out what is not yet written, without writing it (a purge deletes those too).</summary>
    public void Discard()
    {
        while (_queue.Reader.TryRead(out _)) { }
    }

    /// <summary>Waits (briefly) for queued records to reach the database; says how many were dropped.</summary>
    public void Dispose()
    {
        _closing.Cancel();
        _queue.Writer.TryComplete();
        if (!_writer.Wait(CloseWait))
            UnansweredLogMessages.ClosedBeforeWritten(_logger, null);
        if (Dropped > 0)
            UnansweredLogMessages.Dropped(_logger, Dropped, null);
    }

    /// <summary>
    /// Drains the queue, writing what has queued up in one transaction: one disk sync or round trip per batch,
    /// not per question (docs/benchmarks.md measured the per-question sync under load). It gathers only when
    /// the last batch emptied the queue; a full batch means more are waiting, so the next goes at once.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<T>();
        var drained = true;
        while (await _queue.Reader.WaitToReadAsync())
        {
            if (drained) await GatherAsync();
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var record)) batch.Add(record);
            drained = batch.Count < _maxBatch;
            if (batch.Count == 0) continue; // a purge took them
            try
            {
                await _writeBatch(batch);
            }
            catch (Exception ex) when (_isStoreFailure(ex))
            {
                UnansweredLogMessages.CouldNotRecord(_logger, ex.Message, null);
            }
        }
    }

    /// <summary>Waits the gathering window, or less when the queue is closing.</summary>
    private async Task GatherAsync()
    {
        try
        {
            await Task.Delay(_gatherWindow, _closing.Token);
        }
        catch (OperationCanceledException)
        {
            // Closing: write what is queued now.
        }
    }
}
