using System.Threading.RateLimiting;

namespace AcuBot.Channels;

/// <summary>
/// Per-minute limiters whose counts every instance of the bot shares (Redis, with <c>ConnectionStrings:Redis</c>),
/// so that a client spreading its requests over several instances is limited as if there were one. Without it,
/// <see cref="ClientRateLimits"/> counts in process memory.
/// </summary>
public interface ISharedRateLimiters
{
    /// <summary>
    /// A token bucket of <paramref name="perMinute"/> per key (refilled a sixth every ten seconds, as the
    /// in-memory one), counted under <paramref name="name"/>, a name no other limit uses.
    /// </summary>
    PartitionedRateLimiter<string> PerMinute(string name, int perMinute);
}
