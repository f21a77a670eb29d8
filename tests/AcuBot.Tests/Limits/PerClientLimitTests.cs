using System.Net;
using System.Text.Json;
using AcuBot.Channels;
using AcuBot.Options;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Tests.Limits;

/// <summary>
/// The per-client limits on their own (RateLimitTests has them end to end): which counter each call
/// spends, that a refusal is a 429 whose Retry-After is never below the real wait, and that a limit of 0
/// is no limit. Buckets refill a sixth every ten seconds, so a refused client waits at least ten.
/// </summary>
public sealed class PerClientLimitTests
{
    private static ClientRateLimits Limits(Action<LimitsOptions> set)
    {
        var options = new LimitsOptions
        {
            MessagesPerMinutePerAddress = 0, MessagesPerMinutePerConversation = 0, TokensPerMinutePerAddress = 0,
            ReadsPerMinutePerAddress = 0, FailedAuthenticationsPerMinutePerAddress = 0, StreamsPerAddress = 0,
        };
        set(options);
        return new ClientRateLimits(Microsoft.Extensions.Options.Options.Create(options));
    }

    private static HttpContext From(string? address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>The refusal as the client gets it: status, Retry-After in seconds, error code and message.</summary>
    private static async Task<(int Status, int RetryAfter, string Code, string Message)> Refusal(HttpContext http, IResult? result)
    {
        Assert.NotNull(result);
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        var error = body.RootElement.GetProperty("error");
        return (http.Response.StatusCode, int.Parse(http.Response.Headers.RetryAfter.ToString()), error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(60)]
    [InlineData(3)] // fewer than six a minute: still one token every ten seconds
    public async Task Messages_over_the_address_limit_get_a_429_whose_retry_after_is_never_below_the_wait(int perMinute)
    {
        using var limits = Limits(o => o.MessagesPerMinutePerAddress = perMinute);

        for (var i = 0; i < perMinute; i++) Assert.Null(limits.AcquireMessage(From("10.0.0.1"), $"c{i}"));
        var refused = From("10.0.0.1");
        var (status, retryAfter, code, message) = await Refusal(refused, limits.AcquireMessage(refused, "another"));

        Assert.Equal(429, status);
        Assert.InRange(retryAfter, 10, 60);
        Assert.Equal("TooManyRequests", code);
        Assert.Equal("Too many messages from this address.", message);
        Assert.Null(limits.AcquireMessage(From("10.0.0.2"), "c0"));
    }

    [Fact]
    public async Task A_conversation_has_its_own_limit_within_the_addresses()
    {
        using var limits = Limits(o => { o.MessagesPerMinutePerAddress = 100; o.MessagesPerMinutePerConversation = 2; });

        Assert.Null(limits.AcquireMessage(From("10.0.0.1"), "busy"));
        Assert.Null(limits.AcquireMessage(From("10.0.0.2"), "busy"));
        var refused = From("10.0.0.3");
        var (status, retryAfter, _, message) = await Refusal(refused, limits.AcquireMessage(refused, "busy"));

        Assert.Equal(429, status);
        Assert.InRange(retryAfter, 10, 60);
        Assert.Equal("Too many messages in this conversation.", message);
        Assert.Null(limits.AcquireMessage(From("10.0.0.3"), "calm"));
        // A message without a conversation id is counted for its address only.
        Assert.Null(limits.AcquireMessage(From("10.0.0.3"), null));
        Assert.Null(limits.AcquireMessage(From("10.0.0.3"), ""));
    }

    [Fact]
    public void A_message_refused_for_its_address_does_not_spend_its_conversations_allowance()
    {
        using var limits = Limits(o => { o.MessagesPerMinutePerAddress = 1; o.MessagesPerMinutePerConversation = 1; });

        Assert.Null(limits.AcquireMessage(From("10.0.0.1"), "first"));
        Assert.NotNull(limits.AcquireMessage(From("10.0.0.1"), "second"));
        Assert.Null(limits.AcquireMessage(From("10.0.0.2"), "second"));
    }

    [Fact]
    public async Task Tokens_and_transcript_reads_have_their_own_limits_per_address()
    {
        using var limits = Limits(o => { o.TokensPerMinutePerAddress = 2; o.ReadsPerMinutePerAddress = 3; });

        Assert.Null(limits.AcquireToken(From("10.0.0.1")));
        Assert.Null(limits.AcquireToken(From("10.0.0.1")));
        var tokenRefused = From("10.0.0.1");
        var token = await Refusal(tokenRefused, limits.AcquireToken(tokenRefused));
        for (var i = 0; i < 3; i++) Assert.Null(limits.AcquireRead(From("10.0.0.1")));
        var readRefused = From("10.0.0.1");
        var read = await Refusal(readRefused, limits.AcquireRead(readRefused));

        Assert.Equal((429, "Too many new conversations from this address."), (token.Status, token.Message));
        Assert.Equal((429, "Too many transcript reads from this address."), (read.Status, read.Message));
        Assert.InRange(token.RetryAfter, 10, 60);
        Assert.InRange(read.RetryAfter, 10, 60);
        Assert.Null(limits.AcquireToken(From("10.0.0.2")));
        Assert.Null(limits.AcquireRead(From("10.0.0.2")));
        Assert.Null(limits.AcquireMessage(From("10.0.0.1"), "c"));
    }

    [Fact]
    public async Task Refused_credentials_are_counted_and_checking_spends_nothing()
    {
        using var limits = Limits(o => o.FailedAuthenticationsPerMinutePerAddress = 2);

        for (var i = 0; i < 10; i++) Assert.Null(limits.CheckFailedAuthentications(From("10.0.0.1")));
        limits.CountFailedAuthentication(From("10.0.0.1"));
        Assert.Null(limits.CheckFailedAuthentications(From("10.0.0.1")));
        limits.CountFailedAuthentication(From("10.0.0.1"));
        var refused = From("10.0.0.1");
        var (status, retryAfter, code, message) = await Refusal(refused, limits.CheckFailedAuthentications(refused));

        Assert.Equal(429, status);
        Assert.InRange(retryAfter, 10, 60);
        Assert.Equal("TooManyRequests", code);
        Assert.Equal("Too many requests with invalid credentials from this address.", message);
        Assert.Null(limits.CheckFailedAuthentications(From("10.0.0.2")));
    }

    [Fact]
    public void Open_streams_are_limited_per_address_and_a_closed_one_frees_its_place()
    {
        using var limits = Limits(o => o.StreamsPerAddress = 2);

        var first = limits.AcquireStream(From("10.0.0.1"));
        var second = limits.AcquireStream(From("10.0.0.1"));
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(limits.AcquireStream(From("10.0.0.1")));
        Assert.NotNull(limits.AcquireStream(From("10.0.0.2")));

        first.Dispose();
        Assert.NotNull(limits.AcquireStream(From("10.0.0.1")));
        Assert.Null(limits.AcquireStream(From("10.0.0.1")));
    }

    [Fact]
    public async Task Too_many_streams_is_a_429_with_its_reason()
    {
        var http = From("10.0.0.1");
        await ClientRateLimits.TooManyStreams().ExecuteAsync(http);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);

        Assert.Equal(429, http.Response.StatusCode);
        Assert.Equal("TooManyRequests", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Too many open streams from this address.", body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void A_limit_of_zero_is_no_limit()
    {
        using var limits = Limits(_ => { });

        for (var i = 0; i < 500; i++)
        {
            Assert.Null(limits.AcquireMessage(From("10.0.0.1"), "c"));
            Assert.Null(limits.AcquireToken(From("10.0.0.1")));
            Assert.Null(limits.AcquireRead(From("10.0.0.1")));
            limits.CountFailedAuthentication(From("10.0.0.1"));
            Assert.Null(limits.CheckFailedAuthentications(From("10.0.0.1")));
            Assert.NotNull(limits.AcquireStream(From("10.0.0.1")));
        }
    }

    [Fact]
    public void Callers_without_an_address_share_one_limit()
    {
        using var limits = Limits(o => o.MessagesPerMinutePerAddress = 1);

        Assert.Null(limits.AcquireMessage(From(null), "a"));
        Assert.NotNull(limits.AcquireMessage(From(null), "b"));
        Assert.Null(limits.AcquireMessage(From("10.0.0.1"), "c"));
    }
}
