using StackExchange.Redis;

namespace AcuBot.Storage;

/// <summary>
/// The Redis server named by <c>ConnectionStrings:Redis</c> (StackExchange.Redis's configuration string,
/// e.g. <c>localhost:6379,password=...</c>), one multiplexed connection per process. It never gives up:
/// when Redis goes away the requests that need it fail, and the connection comes back by itself when
/// Redis does (<c>abortConnect=false</c>), without a restart of the bot.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    public const string ConnectionStringName = "Redis";

    /// <summary>Every key the bot writes starts so, apart from any other use of the same Redis.</summary>
    public const string KeyPrefix = "acubot:";

    private readonly ConnectionMultiplexer _multiplexer;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a valid Redis configuration: {ex.Message}", ex);
        }
        options.AbortOnConnectFail = false;
        _multiplexer = ConnectionMultiplexer.Connect(options);
        // The endpoint only: the configuration may hold a password.
        _multiplexer.ConnectionFailed += (_, e) => LogLost(logger, e.EndPoint?.ToString(), e.FailureType.ToString(), null);
        _multiplexer.ConnectionRestored += (_, e) => LogRestored(logger, e.EndPoint?.ToString(), null);
        if (!_multiplexer.IsConnected) LogNotYet(logger, string.Join(", ", options.EndPoints), null);
    }

    public IDatabase Database => _multiplexer.GetDatabase();

    public ISubscriber Subscriber => _multiplexer.GetSubscriber();

    public bool IsConnected => _multiplexer.IsConnected;

    public void Dispose() => _multiplexer.Dispose();

    /// <summary>What the health endpoints say of Redis: null without it; connected, or what fails until it is back.</summary>
    public static (bool Connected, string Text)? Describe(RedisConnection? redis) => redis switch
    {
        null => null,
        { IsConnected: true } => (true, "connected"),
        _ => (false, $"not connected (ConnectionStrings:{ConnectionStringName}): Web Chat conversations answer 503 and follow-up questions lose their context until it is back; it reconnects by itself"),
    };

    // EventIds 5101-5199: Redis (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, string?, string, Exception?> LogLost =
        LoggerMessage.Define<string?, string>(LogLevel.Error, new EventId(5101, "RedisConnectionLost"), "Lost the connection to Redis at {EndPoint} ({Failure}): requests that need it fail until it is back");

    private static readonly Action<ILogger, string?, Exception?> LogRestored =
        LoggerMessage.Define<string?>(LogLevel.Information, new EventId(5102, "RedisConnectionRestored"), "Connection to Redis at {EndPoint} restored");

    private static readonly Action<ILogger, string, Exception?> LogNotYet =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5103, "RedisNotAnswering"), "Redis at {EndPoints} does not answer yet: requests that need it fail until it does");
}
