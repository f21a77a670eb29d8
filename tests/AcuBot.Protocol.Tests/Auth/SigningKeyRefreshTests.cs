using AcuBot.Protocol.Auth;
using Microsoft.Extensions.Logging;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>
/// How the channel's keys are fetched when things go wrong: after a failed fetch, for how long the bot
/// stops trying; how often a made-up key id can make it fetch again; how long a request waits for new
/// keys; and what a request its caller gives up on meanwhile gets. The channel is the test's own
/// (<see cref="ScriptedChannelMetadata"/>), so that it can fail and hold its answers.
/// </summary>
public sealed class SigningKeyRefreshTests : IAsyncLifetime
{
    private readonly ChannelSigningKey _old = new("2025-key");
    private readonly ChannelSigningKey _new = new("2026-key");
    private readonly HttpClient _http = new();
    private ScriptedChannelMetadata _channel = null!;

    public async Task InitializeAsync() => _channel = await ScriptedChannelMetadata.StartAsync(_old);

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        _http.Dispose();
        _old.Dispose();
        _new.Dispose();
    }

    private OpenIdSigningKeySource Keys(TimeSpan? minimumRefreshInterval = null, TimeSpan? refreshWait = null, TimeSpan? failureBackoff = null) =>
        new(_channel.MetadataUrl, _http, requireHttps: false, minimumRefreshInterval, refreshWait, failureBackoff);

    private static ChannelTokenValidator Validator(OpenIdSigningKeySource keys) => new(
        new BotAuthenticationOptions { MicrosoftAppId = TokenDefaults.AppId, RequireHttpsMetadata = false }, keys);

    private static Task<ChannelAuthResult> Validate(ChannelTokenValidator validator, ChannelSigningKey key, CancellationToken cancellationToken = default) =>
        validator.ValidateAsync("Bearer " + key.Mint(), TokenDefaults.ServiceUrl, TokenDefaults.ChannelId, cancellationToken);

    [Fact]
    public async Task After_a_failed_fetch_requests_are_refused_for_a_while_without_another_fetch()
    {
        _channel.Failing = true;
        var keys = Keys();   // the default back-off: 10 seconds

        var first = await Assert.ThrowsAnyAsync<Exception>(() => keys.GetAsync(CancellationToken.None));
        var fetches = _channel.MetadataFetches;
        _channel.Failing = false;   // back already, but the bot does not ask yet
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => keys.GetAsync(CancellationToken.None));

        Assert.Equal(fetches, _channel.MetadataFetches);
        Assert.Equal("The channel's OpenID metadata could not be fetched a moment ago; not trying again yet.", second.Message);
        Assert.Same(first, second.InnerException);
    }

    [Fact]
    public async Task A_failed_fetch_is_logged_once_as_an_error_with_the_address_and_its_cause()
    {
        // Without it, a bot whose channel keys cannot be fetched answers every request 503 and says nowhere why.
        _channel.Failing = true;
        var logger = new RecordingLogger();
        var validator = Validator(new OpenIdSigningKeySource(_channel.MetadataUrl, _http, requireHttps: false, logger: logger));

        await Validate(validator, _old);
        await Validate(validator, _old);   // refused during the back-off: no fetch, so nothing new to say

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(_channel.MetadataUrl, entry.Message);
        Assert.NotNull(entry.Exception);
    }

    [Fact]
    public async Task During_the_back_off_every_token_gets_the_503_and_the_channel_is_not_asked()
    {
        _channel.Failing = true;
        var validator = Validator(Keys());

        Assert.Equal(503, (await Validate(validator, _old)).StatusCode);
        var fetches = _channel.MetadataFetches;
        var again = await Validate(validator, _old);

        Assert.Equal(ChannelAuthError.MetadataUnavailable, again.Error);
        Assert.Equal(503, again.StatusCode);
        Assert.Equal(fetches, _channel.MetadataFetches);
    }

    [Fact]
    public async Task Requests_that_come_while_the_keys_are_being_fetched_share_that_one_fetch()
    {
        // While the channel is down, each request making a fetch of its own would have the bot ask it again
        // and again, one request after the other, for a forged token as much as for a real one.
        _channel.Failing = true;
        var (arrived, release) = _channel.HoldNextMetadataFetch();
        var validator = Validator(Keys());

        // Each call has asked for the keys by the time it returns its task (the fetch itself starts later).
        var requests = Enumerable.Range(0, 5).Select(_ => Validate(validator, _old)).ToList();
        await arrived;
        release.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.Equal(ChannelAuthError.MetadataUnavailable, r.Error));
        Assert.Equal(1, _channel.MetadataFetches);
    }

    [Fact]
    public async Task A_request_its_caller_has_given_up_still_gets_the_503_of_the_back_off_not_an_exception()
    {
        // The failure is not the caller's cancellation: only that is let through as one.
        _channel.Failing = true;
        var validator = Validator(Keys());
        Assert.Equal(503, (await Validate(validator, _old)).StatusCode);

        var result = await Validate(validator, _old, new CancellationToken(canceled: true));

        Assert.Equal(ChannelAuthError.MetadataUnavailable, result.Error);
    }

    [Fact]
    public async Task Without_a_back_off_the_next_request_fetches_again_and_gets_the_keys_once_the_channel_is_back()
    {
        _channel.Failing = true;
        var validator = Validator(Keys(failureBackoff: TimeSpan.Zero));
        Assert.Equal(503, (await Validate(validator, _old)).StatusCode);
        var fetches = _channel.MetadataFetches;

        _channel.Failing = false;
        var result = await Validate(validator, _old);

        Assert.True(result.IsValid, result.Reason);
        Assert.True(_channel.MetadataFetches > fetches);
    }

    [Fact]
    public async Task Once_the_configured_refresh_interval_has_passed_an_unknown_key_id_fetches_the_keys_again()
    {
        // The interval is read on the real clock, so the test waits it out (it measures nothing). It is
        // above the 1 second IdentityModel's manager keeps between two refreshes itself.
        var interval = TimeSpan.FromSeconds(1.5);
        // A long wait for the refreshed keys, so that a slow machine does not give up on them.
        var validator = Validator(Keys(minimumRefreshInterval: interval, refreshWait: TimeSpan.FromSeconds(30)));
        Assert.True((await Validate(validator, _old)).IsValid);
        using var forged = new ChannelSigningKey("forged");
        Assert.Equal(ChannelAuthError.UnknownSigningKey, (await Validate(validator, forged)).Error);   // the one early refresh
        Assert.Equal(2, _channel.KeyFetches);

        // (That no refresh is made within the interval is ChannelKeyRotationTests', on the default 5 minutes:
        // on a loaded machine a test cannot be sure to be still within 1.5 seconds.)
        _channel.Publish(_old, _new);
        await Task.Delay(interval + TimeSpan.FromMilliseconds(500));
        var result = await Validate(validator, _new);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(3, _channel.KeyFetches);
    }

    [Fact]
    public async Task A_request_waits_no_longer_than_the_configured_refresh_wait_for_new_keys()
    {
        var validator = Validator(Keys(refreshWait: TimeSpan.Zero));
        Assert.True((await Validate(validator, _old)).IsValid);
        _channel.Publish(_old, _new);
        var (arrived, release) = _channel.HoldNextKeyFetch();

        // Waiting for none, the request that starts the refresh is refused for its (not yet fetched) key;
        // the refreshed keys are let through after it has its answer, or after a second should it still be
        // waiting (as it would with the 3 seconds of the default).
        var first = Validate(validator, _new);
        await arrived;
        await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(1)));
        release.SetResult();

        Assert.Equal(ChannelAuthError.UnknownSigningKey, (await first).Error);
        // Later requests have the new keys once they are in.
        Assert.True(await EventuallyValid(validator, _new));
    }

    [Fact]
    public async Task A_request_its_caller_gives_up_while_it_waits_for_new_keys_is_cancelled()
    {
        var validator = Validator(Keys(refreshWait: TimeSpan.FromSeconds(20)));
        Assert.True((await Validate(validator, _old)).IsValid);
        _channel.Publish(_old, _new);
        var (arrived, _) = _channel.HoldNextKeyFetch();   // the new keys do not come while the request waits
        using var caller = new CancellationTokenSource();

        var waiting = Validate(validator, _new, caller.Token);
        await arrived;
        caller.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    /// <summary>Validates until the token is accepted (the refreshed keys arrive in the background), at most 10 s.</summary>
    private static async Task<bool> EventuallyValid(ChannelTokenValidator validator, ChannelSigningKey key)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await Validate(validator, key)).IsValid) return true;
            await Task.Delay(50);
        }
        return false;
    }
}

/// <summary>Keeps what is logged, for tests that check what a failure reports.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
