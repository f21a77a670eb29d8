namespace AcuBot.Options;

/// <summary>How an instance stops (SIGTERM, Ctrl+C, a rolling deploy); bound from the "Shutdown" section.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>The most <see cref="DrainSeconds"/> may be: a drain longer than this is a stop that never comes.</summary>
    public const int MaxDrainSeconds = 300;

    /// <summary>
    /// Seconds the bot keeps serving after it is told to stop, while <c>/health/ready</c> and <c>/healthz</c>
    /// answer 503 "draining" and every HTTP/1.1 response closes its connection, so that a load balancer sends
    /// new requests elsewhere and kept-alive connections end after a complete response instead of being cut
    /// (see <see cref="Extensions.ShutdownDrain"/>). Longer than the balancer's health-check interval and the
    /// clients' idle keep-alive timeout (Node's is 4 s). 0: no drain, streams close at once.
    /// </summary>
    public int DrainSeconds { get; set; } = 5;

    public TimeSpan DrainPeriod => TimeSpan.FromSeconds(DrainSeconds);
}
