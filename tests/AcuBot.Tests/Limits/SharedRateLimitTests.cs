using System.Net;
using AcuBot.Channels;
using AcuBot.Options;
using AcuBot.Storage;
using AcuBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AcuBot.Tests.Limits;

/// <summary>
/// Issue 13, item 1 (limits): with Redis, two instances (each its own connection) draw on the same buckets,
/// so a client spreading its messages over both is limited as if there were one, and the refusal's
/// Retry-After is the wait until the shared bucket refills. While Redis is away, each counts alone.
/// </summary>
public sealed class SharedRateLimitTests : RedisPerTest
{
    [RedisFact]
    public void Messages_from_one_address_count_across_two_instances()
    {
        var a = Limits(o => o.MessagesPerMinutePerAddress = 6);
        var b = Limits(o => o.MessagesPerMinutePerAddress = 6);

        for (var i = 0; i < 6; i++) Assert.Null((i % 2 == 0 ? a : b).AcquireMessage(From("10.0.0.1"), $"c{i}"));
        var refusedOnA = From("10.0.0.1");
        var refusedOnB = From("10.0.0.1");

        Assert.NotNull(a.AcquireMessage(refusedOnA, "c-more"));
        Assert.NotNull(b.AcquireMessage(refusedOnB, "c-more"));
        Assert.InRange(int.Parse(refusedOnA.Response.Headers.RetryAfter.ToString()), 10, 60); // a sixth comes back every ten seconds
        Assert.InRange(int.Parse(refusedOnB.Response.Headers.RetryAfter.ToString()), 10, 60);
        Assert.Null(a.AcquireMessage(From("10.0.0.2"), "c-other")); // another address has its own bucket
    }

    [RedisFact]
    public void Messages_in_one_conversation_count_across_two_instances_whatever_the_addresses()
    {
        var a = Limits(o => o.MessagesPerMinutePerConversation = 4);
        var b = Limits(o => o.MessagesPerMinutePerConversation = 4);

        for (var i = 0; i < 4; i++) Assert.Null((i % 2 == 0 ? a : b).AcquireMessage(From($"10.0.1.{i}"), "shared"));

        Assert.NotNull(b.AcquireMessage(From("10.0.1.9"), "shared"));
        Assert.Null(a.AcquireMessage(From("10.0.1.9"), "another"));
    }

    [RedisFact]
    public void Failed_authentications_are_counted_across_instances_and_checking_consumes_nothing()
    {
        var a = Limits(o => o.FailedAuthenticationsPerMinutePerAddress = 2);
        var b = Limits(o => o.FailedAuthenticationsPerMinutePerAddress = 2);

        Assert.Null(b.CheckFailedAuthentications(From("10.0.2.1")));
        Assert.Null(b.CheckFailedAuthentications(From("10.0.2.1")));
        a.CountFailedAuthentication(From("10.0.2.1"));
        b.CountFailedAuthentication(From("10.0.2.1"));

        Assert.NotNull(a.CheckFailedAuthentications(From("10.0.2.1")));
        Assert.NotNull(b.CheckFailedAuthentications(From("10.0.2.1")));
    }

    [RedisFact]
    public async Task While_Redis_is_away_each_instance_counts_alone_and_shares_again_when_it_is_back()
    {
        var a = Limits(o => o.MessagesPerMinutePerAddress = 6, ",syncTimeout=500");
        var b = Limits(o => o.MessagesPerMinutePerAddress = 6, ",syncTimeout=500");
        await Redis.StopAsync();

        // Six on each, counted apart: nobody is refused for Redis being away, and the limit still holds per instance.
        for (var i = 0; i < 6; i++) Assert.Null(a.AcquireMessage(From("10.0.3.1"), $"a{i}"));
        for (var i = 0; i < 6; i++) Assert.Null(b.AcquireMessage(From("10.0.3.1"), $"b{i}"));
        Assert.NotNull(a.AcquireMessage(From("10.0.3.1"), "a-more"));

        await Redis.RestartAsync();
        // A bounded wait for both to reconnect by themselves, not a timing assertion.
        for (var attempt = 0; attempt < 150 && !(Connected(a) && Connected(b)); attempt++) await Task.Delay(100);

        Assert.True(Connected(a) && Connected(b));
        for (var i = 0; i < 6; i++) Assert.Null((i % 2 == 0 ? a : b).AcquireMessage(From("10.0.3.2"), $"y{i}"));
        Assert.NotNull(a.AcquireMessage(From("10.0.3.2"), "z")); // one bucket again, across both
    }

    private readonly Dictionary<ClientRateLimits, RedisConnection> _connections = [];

    private bool Connected(ClientRateLimits limits) => _connections[limits].IsConnected;

    private ClientRateLimits Limits(Action<LimitsOptions> set, string extra = "")
    {
        var options = new LimitsOptions
        {
            MessagesPerMinutePerAddress = 0, MessagesPerMinutePerConversation = 0, TokensPerMinutePerAddress = 0,
            ReadsPerMinutePerAddress = 0, FailedAuthenticationsPerMinutePerAddress = 0, StreamsPerAddress = 0,
        };
        set(options);
        var connection = new RedisConnection(Redis.ConnectionString + extra, NullLogger<RedisConnection>.Instance);
        var limits = new ClientRateLimits(Microsoft.Extensions.Options.Options.Create(options), new RedisRateLimiters(connection, NullLogger<RedisRateLimiters>.Instance));
        Own(connection);
        Own(limits);
        _connections[limits] = connection;
        return limits;
    }

    private static HttpContext From(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }
}
