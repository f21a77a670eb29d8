using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Unanswered;

/// <summary>The write queue both unanswered-question stores use: drops counted, batches bounded, what is queued written on close.</summary>
public class BackgroundRecordQueueTests
{
    /// <summary>Only a limit for a broken queue, so that a failing test ends instead of hanging; no test waits for it.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan NeverByItself = TimeSpan.FromHours(1);

    private readonly InMemoryLogs _logs = new();

    private ILogger Logger => _logs.CreateLogger("queue");

    /// <summary>A queue into a store that keeps every batch, gathering until it is closed.</summary>
    private BackgroundRecordQueue<int> Queue(List<int[]> batches) => new(batch =>
    {
        batches.Add(batch.ToArray());
        return Task.CompletedTask;
    }, _ => false, Logger, gatherWindow: NeverByItself);

    [Fact]
    public async Task A_full_queue_drops_and_counts_the_record_instead_of_waiting()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new List<int>();
        var queue = new BackgroundRecordQueue<int>(async batch =>
        {
            writing.TrySetResult();
            await release.Task;
            lock (written) written.AddRange(batch);
        }, _ => false, Logger, capacity: 2, maxBatch: 1, gatherWindow: TimeSpan.Zero);

        queue.Add(1);
        await writing.Task.WaitAsync(Hang); // the writer holds record 1 and is stuck in the store
        queue.Add(2);
        queue.Add(3); // the queue is full now
        queue.Add(4);
        queue.Add(5);

        Assert.Equal(2, queue.Dropped);
        release.SetResult();
        queue.Dispose();
        Assert.Equal([1, 2, 3], written);
        var dropped = Assert.Single(_logs.Entries, e => e.EventId.Id == 5002);
        Assert.Equal(LogLevel.Warning, dropped.Level);
        Assert.Contains("dropped 2 records", dropped.Message);
    }

    [Fact]
    public void Closing_writes_what_is_queued_without_waiting_for_the_gathering_window()
    {
        var batches = new List<int[]>();
        var queue = Queue(batches);

        for (var i = 1; i <= 3; i++) queue.Add(i);
        queue.Dispose();

        Assert.Equal([1, 2, 3], Assert.Single(batches));
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 5001); // closed before all were written
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 5002); // nothing dropped, nothing said
    }

    [Fact]
    public void Batches_hold_at_most_the_maximum_and_a_store_failure_loses_only_its_batch()
    {
        var batches = new List<int[]>();
        var queue = new BackgroundRecordQueue<int>(batch =>
        {
            batches.Add(batch.ToArray());
            if (batches.Count == 1) throw new InvalidOperationException("the store is down");
            return Task.CompletedTask;
        }, ex => ex is InvalidOperationException, Logger, maxBatch: 2, gatherWindow: NeverByItself);

        for (var i = 1; i <= 5; i++) queue.Add(i);
        queue.Dispose();

        Assert.Equal([[1, 2], [3, 4], [5]], batches);
        var failure = Assert.Single(_logs.Entries, e => e.EventId.Id == 5003);
        Assert.Contains("the store is down", failure.Message);
    }

    [Fact]
    public void Discarded_records_are_never_written()
    {
        var batches = new List<int[]>();
        var queue = Queue(batches);

        queue.Add(1);
        queue.Add(2);
        queue.Discard();
        queue.Add(3);
        queue.Dispose();

        Assert.Equal([3], Assert.Single(batches));
    }

    [Fact]
    public void A_record_after_closing_is_dropped_and_counted()
    {
        var batches = new List<int[]>();
        var queue = Queue(batches);
        queue.Dispose();

        queue.Add(1);

        Assert.Equal(1, queue.Dropped);
        Assert.Empty(batches);
    }
}
