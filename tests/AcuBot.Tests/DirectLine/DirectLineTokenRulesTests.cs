using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AcuBot.DirectLine;
using AcuBot.Tests.Auth;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.DirectLine;

/// <summary>
/// What a Direct Line token is good for, on a real bot whose clock the test sets: for its whole lifetime
/// and not a second more (an expiry is rounded up to the second), at most 2,048 characters long, only
/// if the bot signed it, and only in the Authorization header except on the stream's URL. A refusal is
/// checked as a 4xx, whatever its exact status.
/// </summary>
/// <summary>One bot for the class, on a clock the tests set.</summary>
public sealed class TokenRulesBot : IAsyncLifetime
{
    public const string Secret = "token-rules-secret";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public SetClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(2_000_000_000));

    public AuthBotServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await AuthBotServer.StartAsync(
        [$"--DirectLine:Secret={Secret}", $"--DirectLine:TokenLifetime={Lifetime}", "--Embeddings:Enabled=false",
         "--Limits:MessagesPerMinutePerAddress=0", "--Limits:MessagesPerMinutePerConversation=0", "--Limits:TokensPerMinutePerAddress=0",
         "--Limits:StreamsPerAddress=0", "--Limits:ReadsPerMinutePerAddress=0"],
        builder => builder.Services.AddSingleton<TimeProvider>(Clock));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class DirectLineTokenRulesTests(TokenRulesBot bot) : IClassFixture<TokenRulesBot>
{
    private const string Secret = TokenRulesBot.Secret;
    private static readonly TimeSpan Lifetime = TokenRulesBot.Lifetime;
    private readonly SetClock _clock = bot.Clock;
    private readonly AuthBotServer _server = bot.Server;

    /// <summary>A conversation started with a token from <c>tokens/generate</c>, minted at the clock's time.</summary>
    private async Task<(string ConversationId, string Token)> StartAsync()
    {
        using var generate = await SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", Secret);
        Assert.True(generate.IsSuccessStatusCode, $"{(int)generate.StatusCode}");
        var body = await generate.Content.ReadFromJsonAsync<JsonElement>();
        var (conversationId, token) = (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
        using var start = await SendAsync(HttpMethod.Post, "v3/directline/conversations", token);
        Assert.True(start.IsSuccessStatusCode, $"{(int)start.StatusCode}");
        return (conversationId, token);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? rawAuthorization = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (rawAuthorization is not null) request.Headers.TryAddWithoutValidation("Authorization", rawAuthorization);
        return await _server.Client.SendAsync(request);
    }

    private async Task<int> ReadStatusAsync(string conversationId, string? token, string? rawAuthorization = null, string query = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities{query}", token, rawAuthorization);
        return (int)response.StatusCode;
    }

    private static void AssertRefused(int status) => Assert.InRange(status, 400, 499);

    /// <summary>Mints as the bot does, with its secret and clock: a token the test can shape (its user id sets the length).</summary>
    private DirectLineTokens Minter() =>
        new(Microsoft.Extensions.Options.Options.Create(new DirectLineOptions { Secret = Secret, TokenLifetime = Lifetime }), _clock, NullLogger<DirectLineTokens>.Instance);

    [Fact]
    public async Task A_token_minted_on_a_whole_second_is_good_for_its_lifetime_and_not_a_second_more()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000);
        var (conversation, token) = await StartAsync();

        _clock.Now += Lifetime - TimeSpan.FromMilliseconds(1);
        Assert.Equal(200, await ReadStatusAsync(conversation, token));
        _clock.Now += TimeSpan.FromMilliseconds(1);
        AssertRefused(await ReadStatusAsync(conversation, token));
    }

    [Fact]
    public async Task A_token_minted_within_a_second_is_good_for_at_least_its_lifetime()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_100).AddMilliseconds(600);
        var (conversation, token) = await StartAsync();

        _clock.Now += Lifetime; // its expiry was rounded up to the next second
        Assert.Equal(200, await ReadStatusAsync(conversation, token));
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_111);
        AssertRefused(await ReadStatusAsync(conversation, token));
    }

    [Fact]
    public async Task A_refreshed_token_is_good_for_a_lifetime_from_the_refresh()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_200);
        var (conversation, token) = await StartAsync();

        _clock.Now += TimeSpan.FromSeconds(8);
        using var refresh = await SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", token);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        _clock.Now += TimeSpan.FromSeconds(8);

        AssertRefused(await ReadStatusAsync(conversation, token));
        Assert.Equal(200, await ReadStatusAsync(conversation, refreshed));
    }

    [Fact]
    public async Task A_token_of_up_to_2048_characters_is_read_and_a_longer_one_is_refused()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_300);
        var (conversation, _) = await StartAsync();
        var minter = Minter();
        string TokenOfUser(int length) => minter.Mint(conversation, new string('u', length));
        var longest = Enumerable.Range(1, 2000).Select(TokenOfUser).Last(t => t.Length <= 2048);
        var tooLong = Enumerable.Range(1, 2000).Select(TokenOfUser).First(t => t.Length > 2048);

        Assert.Equal(2048, longest.Length);
        Assert.Equal(200, await ReadStatusAsync(conversation, longest));
        AssertRefused(await ReadStatusAsync(conversation, tooLong));
        AssertRefused(await ReadStatusAsync(conversation, minter.Mint(conversation, null) + new string('A', 2048)));
    }

    [Fact]
    public async Task Only_a_token_the_bot_signed_is_read()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_400);
        var (conversation, token) = await StartAsync();
        var dot = token.IndexOf('.');
        var otherSecret = new DirectLineTokens(Microsoft.Extensions.Options.Options.Create(new DirectLineOptions { Secret = "another-secret", TokenLifetime = Lifetime }),
            _clock, NullLogger<DirectLineTokens>.Instance);

        Assert.Equal(200, await ReadStatusAsync(conversation, Minter().Mint(conversation, "someone")));
        foreach (var bad in new[]
        {
            otherSecret.Mint(conversation, null),
            token[..dot],                              // no signature
            token[dot..],                              // no grant
            token.Replace(".", ""),
            token[..dot] + ".%%%",                     // a signature that is not base64url
            token[..dot] + "." + token[(dot + 1)..^2], // a signature cut short
            Signed("bm90LWpzb24"),                    // authentic, but "not-json"
            Signed("bnVsbA"),                         // authentic, but "null"
            Signed("!!!"),                            // authentic, but not base64url
            Signed(Base64Url.EncodeToString("""{"conv":"x","exp":"soon"}"""u8)),
        })
            AssertRefused(await ReadStatusAsync(conversation, bad));
    }

    /// <summary>
    /// A payload signed the way the bot signs its tokens: a JWT with its one header (HS256), HMAC-SHA256
    /// under a key derived from the secret.
    /// </summary>
    private static string Signed(string payload)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("acubot-directline-token\n" + Secret));
        var signed = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8) + "." + payload;
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    [Fact]
    public async Task The_signing_shown_here_is_the_bots_own()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_450);
        var (conversation, _) = await StartAsync();
        var grant = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"conv":"{{conversation}}","user":"p","exp":2000000460}"""));

        Assert.Equal(200, await ReadStatusAsync(conversation, Signed(grant)));
    }

    /// <summary>Signs <paramref name="signed"/> (a header, a dot and a payload, or anything else) with the bot's key.</summary>
    private static string SignedAsIs(string signed)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("acubot-directline-token\n" + Secret));
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    private static readonly string BotHeader = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    [Fact]
    public void The_bots_signing_key_is_the_one_shown_here()
    {
        var grant = Base64Url.EncodeToString("""{"conv":"c1","user":"p","exp":2000000990}"""u8);
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_980);

        Assert.Equal(new DirectLineGrant("c1", "p", 2_000_000_990), Minter().Validate(Signed(grant)));
    }

    [Fact]
    public async Task Signed_with_the_bots_key_a_token_is_still_refused_unless_it_is_the_bots_header_a_dot_and_a_grant()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_900);
        var (conversation, _) = await StartAsync();
        var grant = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"conv":"{{conversation}}","user":"p","exp":2000000910}"""));
        var otherAlgorithm = Base64Url.EncodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}"u8);

        Assert.Equal(BotHeader.Length, otherAlgorithm.Length);
        Assert.Equal(200, await ReadStatusAsync(conversation, SignedAsIs(BotHeader + "." + grant)));
        AssertRefused(await ReadStatusAsync(conversation, SignedAsIs(otherAlgorithm + "." + grant)));
        AssertRefused(await ReadStatusAsync(conversation, SignedAsIs(BotHeader + "A" + grant)));
        AssertRefused(await ReadStatusAsync(conversation, SignedAsIs(BotHeader)));
    }

    [Fact]
    public async Task A_token_is_good_for_its_own_conversation_only_and_cannot_get_another_token()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_700);
        var (mine, token) = await StartAsync();
        var (other, _) = await StartAsync();

        Assert.Equal(200, await ReadStatusAsync(mine, token));
        Assert.Equal(403, await ReadStatusAsync(other, token));
        using var generate = await SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", token);
        Assert.Equal(403, (int)generate.StatusCode);
    }

    /// <summary>The status, error code and message of a transcript read, as botframework-directlinejs gets them.</summary>
    private async Task<(int Status, string Code, string Message)> RefusalAsync(string conversationId, string? token)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversationId}/activities", token);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        return ((int)response.StatusCode, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task A_refusal_says_whether_the_credential_was_missing_expired_or_not_the_bots()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_800);
        var (conversation, token) = await StartAsync();
        _clock.Now += Lifetime;

        Assert.Equal((401, "Unauthorized", "A Direct Line secret or token is required (Authorization: Bearer ...)."), await RefusalAsync(conversation, null));
        Assert.Equal((403, "TokenExpired", "The token has expired; refresh it or get a new one."), await RefusalAsync(conversation, token));
        Assert.Equal((403, "BadArgument", "Invalid token or secret."), await RefusalAsync(conversation, "not-a-token"));
    }

    [Fact]
    public void Without_a_configured_secret_the_bot_says_it_uses_a_random_one_which_nothing_else_matches()
    {
        var logs = new InMemoryLogs();
        using var factory = new LoggerFactory([logs]);
        var tokens = new DirectLineTokens(Microsoft.Extensions.Options.Options.Create(new DirectLineOptions { Secret = "", TokenLifetime = Lifetime }),
            _clock, factory.CreateLogger<DirectLineTokens>());

        var entry = Assert.Single(logs.Entries);
        Assert.Equal((LogLevel.Information, 4001, "DirectLineRandomSecret", "No DirectLine:Secret configured; using a random one for this run"),
            (entry.Level, entry.EventId.Id, entry.EventId.Name, entry.Message));
        Assert.False(tokens.IsSecret(""));
        Assert.False(tokens.IsSecret(Secret));
        var token = tokens.Mint("c1", "u1");
        Assert.Equal("c1", tokens.Validate(token)?.ConversationId);
        Assert.Null(Minter().Validate(token));
    }

    [Fact]
    public async Task The_bearer_scheme_is_read_in_any_case_and_other_schemes_are_not()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_500);
        var (conversation, token) = await StartAsync();

        Assert.Equal(200, await ReadStatusAsync(conversation, null, "bearer " + token));
        Assert.Equal(200, await ReadStatusAsync(conversation, null, "BEARER   " + token + "  "));
        Assert.Equal(200, await ReadStatusAsync(conversation, null, "Bearer " + Secret));
        AssertRefused(await ReadStatusAsync(conversation, null, "Basic " + token));
        AssertRefused(await ReadStatusAsync(conversation, null, token));
        AssertRefused(await ReadStatusAsync(conversation, null, "Bearer "));
        AssertRefused(await ReadStatusAsync(conversation, null, "Bearer " + Secret + "x"));
    }

    [Fact]
    public async Task A_token_in_the_query_is_read_on_the_stream_only_and_never_over_the_header()
    {
        _clock.Now = DateTimeOffset.FromUnixTimeSeconds(2_000_000_600);
        var (conversation, token) = await StartAsync();
        var query = $"?t={Uri.EscapeDataString(token)}";

        AssertRefused(await ReadStatusAsync(conversation, null, query: query));
        using (var reconnect = await SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversation}{query}", null))
            AssertRefused((int)reconnect.StatusCode);
        using (var post = await SendAsync(HttpMethod.Post, $"v3/directline/conversations/{conversation}/activities{query}", null))
            AssertRefused((int)post.StatusCode);

        var stream = new Uri(_server.BaseAddress, $"v3/directline/conversations/{conversation}/stream{query}").ToString().Replace("http", "ws");
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(new Uri(stream), CancellationToken.None);
            Assert.Equal(WebSocketState.Open, socket.State);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        using (var overruled = new ClientWebSocket())
        {
            overruled.Options.SetRequestHeader("Authorization", "Bearer not-a-token");
            await Assert.ThrowsAnyAsync<WebSocketException>(() => overruled.ConnectAsync(new Uri(stream), CancellationToken.None));
        }
    }
}

/// <summary>A clock the test sets; timers still run on real time.</summary>
public sealed class SetClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
