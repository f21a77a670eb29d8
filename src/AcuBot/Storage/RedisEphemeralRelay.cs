using System.Globalization;
using System.Text;
using AcuBot.DirectLine;
using StackExchange.Redis;

namespace AcuBot.Storage;

/// <summary>
/// Typing indicators between instances over Redis pub/sub: one channel, each message the publishing
/// instance's id, the conversation, the watermark it was published at and the stream message itself, so
/// an instance skips its own. Fire and forget: an indicator that does not arrive is no loss, and nothing
/// waits on Redis for it. Subscribed when the first stream opens (Redis may be away at start-up), and
/// again at the next stream if that failed; StackExchange.Redis renews a subscription after a reconnection.
/// </summary>
public sealed class RedisEphemeralRelay(RedisConnection redis) : IEphemeralRelay
{
    public static readonly RedisChannel Channel = RedisChannel.Literal(RedisConnection.KeyPrefix + "dl:ephemeral");

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private Action<string, EphemeralActivity>? _deliver;
    private int _listening; // 0: not subscribed, 1: subscribing or subscribed

    public void Publish(string conversationId, EphemeralActivity activity)
    {
        var header = Encoding.UTF8.GetBytes($"{_instance}\n{conversationId}\n{activity.After.ToString(CultureInfo.InvariantCulture)}\n");
        try
        {
            redis.Subscriber.Publish(Channel, (RedisValue)(byte[])[.. header, .. activity.Utf8Json], CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (StoreFailures.IsUnavailable(ex))
        {
            // Redis is away: the other instances' streams go without this indicator.
        }
    }

    public void OnReceived(Action<string, EphemeralActivity> deliver) => _deliver = deliver;

    public void Listen()
    {
        if (Interlocked.CompareExchange(ref _listening, 1, 0) != 0) return;
        redis.Subscriber.SubscribeAsync(Channel, (_, message) => Receive(message)).ContinueWith(
            subscribing => Interlocked.Exchange(ref _listening, 0), // try again at the next stream
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private void Receive(RedisValue message)
    {
        var bytes = (byte[]?)message;
        if (bytes is null || _deliver is null) return;
        // instance \n conversation \n watermark \n json
        var span = bytes.AsSpan();
        int first = span.IndexOf((byte)'\n'), second, third;
        if (first < 0 || (second = span[(first + 1)..].IndexOf((byte)'\n')) < 0) return;
        second += first + 1;
        if ((third = span[(second + 1)..].IndexOf((byte)'\n')) < 0) return;
        third += second + 1;
        if (Encoding.UTF8.GetString(span[..first]) == _instance) return; // delivered here when published
        var conversationId = Encoding.UTF8.GetString(span[(first + 1)..second]);
        if (!long.TryParse(span[(second + 1)..third], NumberStyles.None, CultureInfo.InvariantCulture, out var after)) return;
        _deliver(conversationId, new EphemeralActivity(after, span[(third + 1)..].ToArray()));
    }
}
