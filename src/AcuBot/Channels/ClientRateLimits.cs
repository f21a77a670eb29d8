using System.Net;
using System.Threading.RateLimiting;
using AcuBot.Options;
using AcuBot.Endpoints;
using Microsoft.Extensions.Options;

namespace AcuBot.Channels;

/// <summary>
/// Per-client limits, so that no one can monopolise the bot: messages per address and per conversation,
/// tokens and transcript reads per address (token buckets refilled every minute), and open streams per address. A refusal is
/// a 429 with Retry-After. The address is the connection's; behind a proxy, configure forwarded headers.
/// With <see cref="ISharedRateLimiters"/> (Redis) the per-minute limits count across instances; open streams
/// are counted by each instance, which holds them.
/// </summary>
public sealed class ClientRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _messagesByAddress, _messagesByConversation, _tokensByAddress, _readsByAddress, _failedAuthenticationsByAddress;
    private readonly PartitionedRateLimiter<string> _streamsByAddress;

    public ClientRateLimits(IOptions<LimitsOptions> options) : this(options, null)
    {
    }

    /// <param name="shared">Where the per-minute limits count when several instances share them; null: in this process.</param>
    public ClientRateLimits(IOptions<LimitsOptions> options, ISharedRateLimiters? shared)
    {
        var limits = options.Value;
        PartitionedRateLimiter<string> Counted(string name, int perMinute) =>
            shared is not null && perMinute > 0 ? shared.PerMinute(name, perMinute) : PerMinute(perMinute);
        _messagesByAddress = Counted("messages-by-address", limits.MessagesPerMinutePerAddress);
        _messagesByConversation = Counted("messages-by-conversation", limits.MessagesPerMinutePerConversation);
        _tokensByAddress = Counted("tokens-by-address", limits.TokensPerMinutePerAddress);
        _readsByAddress = Counted("reads-by-address", limits.ReadsPerMinutePerAddress);
        _failedAuthenticationsByAddress = Counted("failed-authentications-by-address", limits.FailedAuthenticationsPerMinutePerAddress);
        _streamsByAddress = limits.StreamsPerAddress <= 0
            ? PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetNoLimiter(""))
            : PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetConcurrencyLimiter(address,
                _ => new ConcurrencyLimiterOptions { PermitLimit = limits.StreamsPerAddress, QueueLimit = 0 }));
    }

    /// <summary>Null when the message may go on; otherwise the 429 to answer with.</summary>
    public JsonBody? AcquireMessage(HttpContext http, string? conversationId)
    {
        using var byAddress = _messagesByAddress.AttemptAcquire(Address(http));
        if (!byAddress.IsAcquired) return TooMany(http, byAddress, "Too many messages from this address.");
        if (string.IsNullOrEmpty(conversationId)) return null;
        using var byConversation = _messagesByConversation.AttemptAcquire(conversationId);
        return byConversation.IsAcquired ? null : TooMany(http, byConversation, "Too many messages in this conversation.");
    }

    /// <summary>Null when another token may be issued to this address; otherwise the 429.</summary>
    public JsonBody? AcquireToken(HttpContext http)
    {
        using var lease = _tokensByAddress.AttemptAcquire(Address(http));
        return lease.IsAcquired ? null : TooMany(http, lease, "Too many new conversations from this address.");
    }

    /// <summary>Null when this address may read a transcript again; otherwise the 429.</summary>
    public JsonBody? AcquireRead(HttpContext http)
    {
        using var lease = _readsByAddress.AttemptAcquire(Address(http));
        return lease.IsAcquired ? null : TooMany(http, lease, "Too many transcript reads from this address.");
    }

    /// <summary>Null when this address has refused tokens to spare; otherwise the 429 (checked before a token is, and consumes nothing).</summary>
    public JsonBody? CheckFailedAuthentications(HttpContext http)
    {
        var address = Address(http);
        if (_failedAuthenticationsByAddress.GetStatistics(address) is not { CurrentAvailablePermits: <= 0 }) return null;
        using var lease = _failedAuthenticationsByAddress.AttemptAcquire(address); // fails, and says when to retry
        return TooMany(http, lease, "Too many requests with invalid credentials from this address.");
    }

    /// <summary>Counts a refused token against its address.</summary>
    public void CountFailedAuthentication(HttpContext http)
    {
        using var _ = _failedAuthenticationsByAddress.AttemptAcquire(Address(http));
    }

    /// <summary>A permit to hold a stream open (dispose it when the stream ends), or null when the address has too many.</summary>
    public RateLimitLease? AcquireStream(HttpContext http)
    {
        var lease = _streamsByAddress.AttemptAcquire(Address(http));
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        return null;
    }

    public static JsonBody TooManyStreams() =>
        ErrorBodies.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many open streams from this address.");

    private static JsonBody TooMany(HttpContext http, RateLimitLease lease, string message)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ErrorBodies.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", message);
    }

    private static string Address(HttpContext http) => (http.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    /// <summary>A bucket of <paramref name="perMinute"/> tokens per key, refilled a sixth every ten seconds.</summary>
    internal static PartitionedRateLimiter<string> PerMinute(int perMinute) => perMinute <= 0
        ? PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetNoLimiter(""))
        : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _messagesByAddress.Dispose();
        _messagesByConversation.Dispose();
        _tokensByAddress.Dispose();
        _readsByAddress.Dispose();
        _failedAuthenticationsByAddress.Dispose();
        _streamsByAddress.Dispose();
    }
}
