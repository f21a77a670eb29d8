using StackExchange.Redis;

namespace AcuBot.Storage;

/// <summary>What a shared store throws when it cannot be reached (not a bug: the operator's to fix, or a moment to wait).</summary>
public static class StoreFailures
{
    /// <summary>
    /// Redis is away: no connection (StackExchange.Redis reconnects by itself meanwhile), or no answer in
    /// time, or it is still loading its data after a restart.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal),
        _ => false,
    };
}
