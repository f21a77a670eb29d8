using System.Threading.Channels;
using AcuBot.Knowledge.Loading;
using Microsoft.Extensions.Options;

namespace AcuBot.Knowledge;

/// <summary>
/// Watches the knowledge folder and reloads the knowledge in the background when a file is edited,
/// added or removed. Bursts of changes (an editor saving a file in several steps, a copy of many files)
/// are gathered until the folder has been quiet for <see cref="KnowledgeSourceOptions.ReloadDelay"/>.
/// It also reloads when a held-back file's hold time ends, so that a deliberate deletion or cut applies.
/// </summary>
public sealed class KnowledgeWatcher(KnowledgeService knowledge, IOptions<KnowledgeSourceOptions> options, ILogger<KnowledgeWatcher> logger)
    : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private FileSystemWatcher? _watcher;

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    /// <summary>Starts watching before the host reports itself started, so no change made after that is missed.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.Folder;
        if (options.Value.WatchForChanges && Directory.Exists(folder))
        {
            _watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.Created += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.Deleted += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.Renamed += (_, _) => _changes.Writer.TryWrite(true);
            _watcher.Error += (_, e) =>
            {
                KnowledgeLog.WatchFailed(logger, e.GetException().Message, null);
                _changes.Writer.TryWrite(true);
            };
            _watcher.EnableRaisingEvents = true;
            KnowledgeLog.Watching(logger, folder, null);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_watcher is null) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // A held-back file that stays as it is raises no event, so its hold time ending must wake the loop too.
                if (await WaitForChangeAsync(knowledge.HeldBackDecisionDueIn, stoppingToken))
                {
                    // Wait for the folder to be quiet: every new change restarts the delay.
                    do
                    {
                        _changes.Reader.TryRead(out _);
                        await Task.Delay(options.Value.ReloadDelay, stoppingToken);
                    } while (_changes.Reader.TryPeek(out _));
                }

                try
                {
                    await knowledge.ReloadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    KnowledgeLog.ReloadFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>True when the folder changed; false when <paramref name="timeout"/> passed first.</summary>
    private async Task<bool> WaitForChangeAsync(TimeSpan? timeout, CancellationToken stoppingToken)
    {
        if (timeout is null) return await _changes.Reader.WaitToReadAsync(stoppingToken);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // A little late rather than early: a reload a moment before the hold ends would only schedule another.
        timer.CancelAfter(timeout.Value < TimeSpan.Zero ? MinimumWait : timeout.Value + MinimumWait);
        try
        {
            return await _changes.Reader.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }
}
