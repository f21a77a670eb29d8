using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>An activity for the open streams only (typing): never stored, never replayed, never read by GET.</summary>
/// <param name="After">The watermark of the conversation when it was published: a stream that has moved past it drops it.</param>
/// <param name="Utf8Json">
/// The whole WebSocket message: <c>{"activities":[...],"watermark":"n"}</c>, n being <paramref name="After"/>,
/// which a stream sends it at only: the watermark the client already has, so that it moves nothing.
/// </param>
public sealed record EphemeralActivity(long After, byte[] Utf8Json);

/// <summary>
/// The open Direct Line streams of this instance, by conversation, for what goes on the WebSocket only. Direct
/// Line sends typing activities that way: a client polling GET activities, or reconnecting later, never sees
/// them (an indicator replayed after its answer would claim the bot is typing again). Each stream buffers a
/// few; a slow one loses the oldest, which are stale by then. With a relay (Redis), what one instance
/// publishes reaches the streams the others hold too, best effort: a typing indicator lost is no loss.
/// </summary>
public sealed class DirectLineStreams
{
    private const int BufferPerStream = 8;

    private readonly Dictionary<string, List<Channel<EphemeralActivity>>> _streams = new(StringComparer.Ordinal);
    private readonly IEphemeralRelay? _relay;

    public DirectLineStreams()
    {
    }

    public DirectLineStreams(IEphemeralRelay relay)
    {
        _relay = relay;
        relay.OnReceived((conversationId, message) => Deliver(conversationId, message));
    }

    /// <summary>Registers a stream; dispose the subscription when it closes.</summary>
    public Subscription Subscribe(string conversationId)
    {
        var channel = Channel.CreateBounded<EphemeralActivity>(new BoundedChannelOptions(BufferPerStream)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_streams)
        {
            if (!_streams.TryGetValue(conversationId, out var list)) _streams[conversationId] = list = [];
            list.Add(channel);
        }
        _relay?.Listen();
        return new Subscription(this, conversationId, channel);
    }

    /// <summary>
    /// Pushes <paramref name="activity"/> to the conversation's open streams, as of <paramref name="after"/>, and
    /// through the relay to other instances' streams; false when none is open on this instance.
    /// </summary>
    public bool Publish(string conversationId, long after, Activity activity)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
        var closing = Encoding.UTF8.GetBytes($"],\"watermark\":\"{after.ToString(CultureInfo.InvariantCulture)}\"}}");
        var message = new EphemeralActivity(after, [.. "{\"activities\":["u8, .. json, .. closing]);
        _relay?.Publish(conversationId, message);
        return Deliver(conversationId, message);
    }

    /// <summary>Writes <paramref name="message"/> to this instance's open streams of the conversation; false when there are none.</summary>
    private bool Deliver(string conversationId, EphemeralActivity message)
    {
        Channel<EphemeralActivity>[] targets;
        lock (_streams)
        {
            if (!_streams.TryGetValue(conversationId, out var list)) return false;
            targets = [.. list];
        }
        foreach (var target in targets) target.Writer.TryWrite(message);
        return true;
    }

    /// <summary>The watermark an activity id from the store carries ("{conversationId}|{watermark}"), or null.</summary>
    public static long? WatermarkOf(string? activityId)
    {
        var bar = activityId?.LastIndexOf('|') ?? -1;
        return bar >= 0 && long.TryParse(activityId.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var watermark) ? watermark : null;
    }

    private void Unsubscribe(string conversationId, Channel<EphemeralActivity> channel)
    {
        lock (_streams)
        {
            if (!_streams.TryGetValue(conversationId, out var list)) return;
            list.Remove(channel);
            if (list.Count == 0) _streams.Remove(conversationId);
        }
    }

    public sealed class Subscription(DirectLineStreams owner, string conversationId, Channel<EphemeralActivity> channel) : IDisposable
    {
        public ChannelReader<EphemeralActivity> Reader => channel.Reader;

        public void Dispose() => owner.Unsubscribe(conversationId, channel);
    }
}
