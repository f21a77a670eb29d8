using System.Threading.RateLimiting;
using AcuBot.Channels;
using StackExchange.Redis;

namespace AcuBot.Storage;

/// <summary>
/// The per-minute client limits counted in Redis, so that every instance draws on the same buckets: one hash
/// per key (tokens left, when they were last refilled), taken from by one Lua script on Redis's own clock,
/// expiring once a bucket would be full again. While Redis is away each instance counts alone, in memory,
/// rather than refusing everyone or no one; it goes back to Redis by itself when Redis answers again.
/// </summary>
public sealed class RedisRateLimiters(RedisConnection redis, ILogger<RedisRateLimiters> logger) : ISharedRateLimiters
{
    private const string Prefix = RedisConnection.KeyPrefix + "rl:";

    // EventIds 5101-5199: Redis (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, string, Exception?> LogCountingAlone = LoggerMessage.Define<string>(LogLevel.Warning,
        new EventId(5104, "RateLimitsCountedAlone"), "Redis cannot be reached ({Failure}): the client limits are counted by this instance alone until it is back");

    // KEYS: the bucket. ARGV: capacity, tokens per period, period (ms), tokens to take (0: only look).
    // Returns {1 if taken, ms until enough tokens (when not), tokens left}.
    private const string TakeScript = """
        local limit, per, period, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens, at = tonumber(state[1]), tonumber(state[2])
        if not tokens then tokens, at = limit, now end
        local periods = math.floor((now - at) / period)
        if periods > 0 then
          tokens = math.min(limit, tokens + periods * per)
          at = at + periods * period
        end
        if tokens >= limit then at = now end
        local taken = 0
        if cost > 0 then
          if tokens >= cost then
            tokens = tokens - cost
            taken = 1
          end
          redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
          redis.call('PEXPIRE', KEYS[1], math.ceil(limit / per) * period + period)
        end
        local wait = 0
        if taken == 0 and tokens < cost then wait = math.ceil((cost - tokens) / per) * period - (now - at) end
        return {taken, wait, tokens}
        """;

    private int _countingAlone;

    public PartitionedRateLimiter<string> PerMinute(string name, int perMinute) =>
        new Limiter(this, Prefix + name + ":", perMinute, Math.Max(1, perMinute / 6), ClientRateLimits.PerMinute(perMinute));

    private (bool Taken, TimeSpan Wait, long Left)? Take(string key, int limit, int perPeriod, int permits)
    {
        // Known to be away: counted here at once, rather than every request waiting for Redis's timeout first.
        if (!redis.IsConnected) return CountAlone("not connected");
        try
        {
            var result = (RedisResult[])redis.Database.ScriptEvaluate(TakeScript, [key], [limit, perPeriod, (long)Period.TotalMilliseconds, permits])!;
            Interlocked.Exchange(ref _countingAlone, 0);
            return ((long)result[0] == 1, TimeSpan.FromMilliseconds(Math.Max(0, (long)result[1])), (long)result[2]);
        }
        catch (Exception ex) when (StoreFailures.IsUnavailable(ex))
        {
            return CountAlone(ex.GetType().Name);
        }
    }

    private (bool, TimeSpan, long)? CountAlone(string failure)
    {
        if (Interlocked.Exchange(ref _countingAlone, 1) == 0) LogCountingAlone(logger, failure, null);
        return null;
    }

    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private sealed class Limiter(RedisRateLimiters owner, string prefix, int limit, int perPeriod, PartitionedRateLimiter<string> alone) : PartitionedRateLimiter<string>
    {
        public override RateLimiterStatistics? GetStatistics(string resource) =>
            owner.Take(prefix + resource, limit, perPeriod, 0) is { } looked
                ? new RateLimiterStatistics { CurrentAvailablePermits = looked.Left }
                : alone.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
        {
            if (permitCount > limit) throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"at most {limit}");
            return owner.Take(prefix + resource, limit, perPeriod, permitCount) is { } taken
                ? new Lease(taken.Taken, taken.Wait)
                : alone.AttemptAcquire(resource, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(resource, permitCount)); // no queue: as the in-memory limiters (QueueLimit 0)

        protected override void Dispose(bool disposing)
        {
            if (disposing) alone.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A lease from Redis: taken, or refused with when to retry (RetryAfter, read by ClientRateLimits for the header).</summary>
    private sealed class Lease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
