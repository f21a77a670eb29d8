using System.Net;
using AcuBot.Channels;
using AcuBot.Options;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Tests.Limits;

/// <summary>
/// The per-client buckets over time: a refused client is let through again as its bucket refills, and
/// never faster than a sixth of a minute's allowance every ten seconds; disposed with the host, the limits
/// stop (and their timers with them). The refill test waits for the limiter's own timer, which takes no
/// clock a test could set (about five seconds); it asserts no duration, only that no more was let through
/// than the time it measured had earned, which a slow machine can only make easier.
/// </summary>
public sealed class PerClientLimitRefillTests
{
    private static ClientRateLimits Limits(int perMinute) => new(Microsoft.Extensions.Options.Options.Create(new LimitsOptions
    {
        MessagesPerMinutePerAddress = perMinute, MessagesPerMinutePerConversation = perMinute, TokensPerMinutePerAddress = perMinute,
        ReadsPerMinutePerAddress = perMinute, FailedAuthenticationsPerMinutePerAddress = perMinute, StreamsPerAddress = perMinute,
    }));

    private static HttpContext From(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }

    [Fact]
    public async Task A_refused_address_is_let_through_again_as_its_bucket_refills_and_never_faster()
    {
        using var limits = Limits(12);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var letThrough = 0;
        bool Send() { var through = limits.AcquireMessage(From("10.0.0.1"), null) is null; if (through) letThrough++; return through; }

        for (var i = 0; i < 12; i++) Assert.True(Send());
        Assert.False(Send());
        await Task.Delay(TimeSpan.FromSeconds(3));
        // A refusal spends nothing, so asking until the bucket has refilled enough costs no allowance.
        while (!Send()) { Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the bucket never refilled"); await Task.Delay(100); }
        for (var i = 0; i < 20; i++) Send();

        // Twelve a minute: the full bucket, then at most one for every five seconds that passed (and one for rounding).
        Assert.InRange(letThrough, 13, 12 + (int)(clock.Elapsed.TotalSeconds / 5) + 1);
    }

    [Fact]
    public void Disposed_with_the_host_every_limit_stops_rather_than_letting_through_or_refusing()
    {
        var limits = Limits(5);
        limits.Dispose();

        Assert.Throws<ObjectDisposedException>(() => limits.AcquireMessage(From("10.0.0.1"), null));
        Assert.Throws<ObjectDisposedException>(() => limits.AcquireToken(From("10.0.0.1")));
        Assert.Throws<ObjectDisposedException>(() => limits.AcquireRead(From("10.0.0.1")));
        Assert.Throws<ObjectDisposedException>(() => limits.CountFailedAuthentication(From("10.0.0.1")));
        Assert.Throws<ObjectDisposedException>(() => limits.CheckFailedAuthentications(From("10.0.0.1")));
        Assert.Throws<ObjectDisposedException>(() => limits.AcquireStream(From("10.0.0.1")));
    }
}
