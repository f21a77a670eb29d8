namespace AcuBot.Tests.Support;

/// <summary>
/// A redis-server of its own for each test (started only when one is installed; <see cref="RedisFact"/>
/// skips otherwise), and the connections and stores a test makes on it, disposed after the test in the
/// reverse order of their making and before the server stops.
/// </summary>
public abstract class RedisPerTest : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];

    protected RedisServer Redis { get; private set; } = null!;

    /// <summary>Disposed when the test ends.</summary>
    protected T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async Task InitializeAsync()
    {
        if (RedisServer.SkipReason is null) Redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
        if (Redis is not null) await Redis.DisposeAsync();
    }
}
