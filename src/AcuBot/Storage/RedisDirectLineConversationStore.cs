using System.Globalization;
using System.Text;
using System.Text.Json;
using AcuBot.DirectLine;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AcuBot.Storage;

/// <summary>
/// The Direct Line conversations in Redis (<c>ConnectionStrings:Redis</c>), so that any instance serves any
/// request of any conversation. Two keys per conversation, in one hash slot ({id}): a hash with its user,
/// whether it was started, its last watermark and the bytes its activities take; a sorted set of its
/// activities, serialized, scored by watermark. An append is one Lua script (next watermark, add, trim to
/// DirectLine:MaxActivitiesPerConversation and MaxTranscriptBytes, refresh the expiry, publish), so
/// watermarks are unique and in order across instances, and a reader never sees watermark n+1 before n.
/// Both keys expire after DirectLine:ConversationTimeout without an append or an open stream, as the
/// in-memory store forgets idle conversations; the total is bounded by Redis's own maxmemory, not by
/// DirectLine:MaxStoredBytes. A stream waiting on another instance's append is woken by pub/sub, and
/// re-checks every <see cref="RecheckInterval"/> for a notification lost while Redis was away: the stream
/// reads by watermark after every wake-up, so an extra one costs nothing and repeats nothing.
/// </summary>
public sealed class RedisDirectLineConversationStore : IDirectLineConversationStore, IDisposable
{
    private const string Prefix = RedisConnection.KeyPrefix + "dl:";

    /// <summary>Every append publishes its conversation id here; each instance wakes its own streams of it.</summary>
    public static readonly RedisChannel AppendedChannel = RedisChannel.Literal(Prefix + "appended");

    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    // KEYS: meta, activities. ARGV: user id, expiry (ms).
    private const string CreateScript = """
        if redis.call('HSETNX', KEYS[1], 'user', ARGV[1]) == 1 then
          redis.call('HSET', KEYS[1], 'last', 0, 'bytes', 0)
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return redis.call('HMGET', KEYS[1], 'user', 'started')
        """;

    // KEYS: meta. The started flag is set once: true for the one call that set it.
    private const string StartScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HSETNX', KEYS[1], 'started', '1')
        """;

    // KEYS: meta, activities. ARGV: the JSON before the watermark in the id, the JSON after it, max count,
    // max bytes, expiry (ms), channel, conversation id. Returns the watermark, or nil when the conversation is gone.
    private const string AppendScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
        local watermark = redis.call('HINCRBY', KEYS[1], 'last', 1)
        local json = ARGV[1] .. string.format('%07d', watermark) .. ARGV[2]
        redis.call('ZADD', KEYS[2], watermark, json)
        local bytes = redis.call('HINCRBY', KEYS[1], 'bytes', #json)
        local count = redis.call('ZCARD', KEYS[2])
        local maxCount, maxBytes = tonumber(ARGV[3]), tonumber(ARGV[4])
        while count > 1 and (count > maxCount or bytes > maxBytes) do
          local oldest = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
          redis.call('ZREMRANGEBYRANK', KEYS[2], 0, 0)
          bytes = redis.call('HINCRBY', KEYS[1], 'bytes', -#oldest)
          count = count - 1
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('PUBLISH', ARGV[6], ARGV[7])
        return watermark
        """;

    // KEYS: meta, activities. ARGV: the lowest score to read ('(n' or '-inf'). Returns {last, json...}, or nil.
    private const string ReadScript = """
        local last = redis.call('HGET', KEYS[1], 'last')
        if not last then return nil end
        local page = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf')
        table.insert(page, 1, last)
        return page
        """;

    // KEYS: meta, activities. ARGV: expiry (ms).
    private const string TouchScript = """
        if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
        return 0
        """;

    private readonly RedisConnection _redis;
    private readonly IOptions<DirectLineOptions> _options;
    private readonly Dictionary<string, Signal> _signals = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private volatile bool _subscribed;

    public RedisDirectLineConversationStore(RedisConnection redis, IOptions<DirectLineOptions> options)
    {
        _redis = redis;
        _options = options;
    }

    public async Task<DirectLineConversationInfo> CreateAsync(string conversationId, string userId, CancellationToken cancellationToken = default)
    {
        var result = await EvaluateAsync(CreateScript, conversationId, [userId, ExpiryMilliseconds], cancellationToken);
        var fields = (RedisValue[])result!;
        return new DirectLineConversationInfo(conversationId, (string?)fields[0] ?? userId, !fields[1].IsNull);
    }

    public async Task<DirectLineConversationInfo?> FindAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var fields = await _redis.Database.HashGetAsync(MetaKey(conversationId), ["user", "started"]).WaitAsync(cancellationToken);
        return fields[0].IsNull ? null : new DirectLineConversationInfo(conversationId, (string)fields[0]!, !fields[1].IsNull);
    }

    public async Task<bool> TryStartAsync(string conversationId, CancellationToken cancellationToken = default) =>
        (long)(await EvaluateAsync(StartScript, conversationId, [], cancellationToken)) == 1;

    public async Task<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        // The id holds the watermark, which only the script knows: the activity is serialized around a
        // marker no text can contain (random), and the script writes the watermark in its place.
        var marker = "~" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) + "~";
        activity.Id = $"{conversationId}|{marker}";
        var json = JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity);
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        var limits = _options.Value;
        var result = await EvaluateAsync(AppendScript, conversationId,
            [json[..at], json[(at + marker.Length)..], limits.MaxActivitiesPerConversation, limits.MaxTranscriptBytes, ExpiryMilliseconds,
             AppendedChannel.ToString(), conversationId],
            cancellationToken);
        if (result.IsNull)
        {
            activity.Id = null;
            return null;
        }
        activity.Id = $"{conversationId}|{(long)result:D7}";
        return activity.Id;
    }

    public Task TouchAsync(string conversationId, CancellationToken cancellationToken = default) =>
        EvaluateAsync(TouchScript, conversationId, [ExpiryMilliseconds], cancellationToken);

    public async Task<TranscriptPage?> ReadAsync(string conversationId, long? watermark, CancellationToken cancellationToken = default)
    {
        var from = watermark is { } w ? "(" + w.ToString(CultureInfo.InvariantCulture) : "-inf";
        var result = await EvaluateAsync(ReadScript, conversationId, [from], cancellationToken);
        if (result.IsNull) return null;
        var values = (RedisValue[])result!;
        var activities = new byte[values.Length - 1][];
        for (var i = 1; i < values.Length; i++) activities[i - 1] = (byte[])values[i]!;
        return new TranscriptPage(activities, (long)values[0]);
    }

    public async Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        await EnsureSubscribedAsync(cancellationToken);
        Signal signal;
        lock (_signals)
        {
            if (!_signals.TryGetValue(conversationId, out signal!)) _signals[conversationId] = signal = new Signal();
            signal.Waiters++;
        }
        try
        {
            while (true)
            {
                // Taken before the check: an append between the check and the wait still completes it.
                Task woken;
                lock (_signals) woken = signal.Appended.Task;
                var last = await _redis.Database.HashGetAsync(MetaKey(conversationId), "last").WaitAsync(cancellationToken);
                if (last.IsNull || (long)last > watermark) return;
                try
                {
                    await woken.WaitAsync(RecheckInterval, cancellationToken);
                }
                catch (TimeoutException)
                {
                    // No notification: look again (one may have been lost while Redis was away).
                }
            }
        }
        finally
        {
            lock (_signals)
                if (--signal.Waiters == 0) _signals.Remove(conversationId);
        }
    }

    public void Dispose()
    {
        try
        {
            if (_subscribed) _redis.Subscriber.Unsubscribe(AppendedChannel, OnAppended);
        }
        catch (Exception ex) when (StoreFailures.IsUnavailable(ex))
        {
            // Redis is away: the subscription goes with the connection.
        }
        _subscribing.Dispose();
    }

    /// <summary>
    /// Subscribes at the first wait, not at start-up: Redis may be away then. Once subscribed, the
    /// client subscribes again by itself after a reconnection.
    /// </summary>
    private async Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (_subscribed) return;
        await _subscribing.WaitAsync(cancellationToken);
        try
        {
            if (_subscribed) return;
            await _redis.Subscriber.SubscribeAsync(AppendedChannel, OnAppended).WaitAsync(cancellationToken);
            _subscribed = true;
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void OnAppended(RedisChannel channel, RedisValue message)
    {
        TaskCompletionSource? woken = null;
        lock (_signals)
        {
            if (_signals.TryGetValue((string)message!, out var signal))
            {
                woken = signal.Appended;
                signal.Appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        woken?.TrySetResult();
    }

    private RedisValue ExpiryMilliseconds => (long)_options.Value.ConversationTimeout.TotalMilliseconds;

    private Task<RedisResult> EvaluateAsync(string script, string conversationId, RedisValue[] values, CancellationToken cancellationToken) =>
        _redis.Database.ScriptEvaluateAsync(script, [MetaKey(conversationId), ActivitiesKey(conversationId)], values).WaitAsync(cancellationToken);

    /// <summary>The conversation's hash; the braces keep its two keys in one slot of a Redis cluster.</summary>
    public static RedisKey MetaKey(string conversationId) => $"{Prefix}{{{conversationId}}}:meta";

    public static RedisKey ActivitiesKey(string conversationId) => $"{Prefix}{{{conversationId}}}:activities";

    private sealed class Signal
    {
        public int Waiters;
        public TaskCompletionSource Appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
