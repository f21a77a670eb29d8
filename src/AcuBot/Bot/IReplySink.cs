using AcuBot.Protocol.Schema;

namespace AcuBot.Bot;

/// <summary>
/// Where finished replies go: POSTed to the channel's serviceUrl, collected for an expectReplies
/// response, appended to a Direct Line conversation, or printed. The turn does not know which.
/// </summary>
public interface IReplySink
{
    Task SendAsync(Activity reply, CancellationToken cancellationToken);
}

/// <summary>Keeps replies in memory: for <c>expectReplies</c>, the CLI commands and tests.</summary>
public sealed class CollectingReplySink : IReplySink
{
    private readonly List<Activity> _replies = [];

    public IReadOnlyList<Activity> Replies => _replies;

    public Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        lock (_replies) _replies.Add(reply);
        return Task.CompletedTask;
    }
}
