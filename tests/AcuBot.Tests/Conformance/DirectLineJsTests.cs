using System.Diagnostics;
using System.Text.Json;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Conformance;

/// <summary>
/// The real bot driven by Microsoft's own Direct Line client, botframework-directlinejs 0.15.8 in Node
/// (tests/peer/directline.js): what Web Chat relies on, checked with the library Web Chat is built on.
/// </summary>
public sealed class DirectLineJsTests : IAsyncLifetime
{
    private const string Secret = "conformance-directline-secret";
    private const string Question = "Does acupuncture hurt?";
    private BotServer _server = null!;

    public async Task InitializeAsync() => _server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_chat_with_a_token_server_user_shows_that_user_every_button_and_the_disclaimer(bool webSocket)
    {
        var (token, _) = await GenerateTokenAsync(_server, "patient-42");

        await using var peer = await NodePeer.DirectLineAsync("chat", new { domain = Domain(_server), token, userId = "patient-42", webSocket, question = Question, refresh = true });
        var result = await peer.WaitForAsync("result");

        // The library (and Web Chat, which reads the same claim) takes the user from the token.
        Assert.Equal("patient-42", result.GetProperty("userFromToken").GetString());
        var welcome = result.GetProperty("welcome");
        Assert.Equal("patient-42", welcome.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(RepoPaths.ExampleQuestions.Count, welcome.SuggestedActions().Count);
        AssertWebChatShowsButtons(welcome, "patient-42");
        welcome.AssertCarriesDisclaimer();

        var echo = result.GetProperty("echo");
        Assert.Equal("client-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal("patient-42", echo.GetProperty("from").GetProperty("id").GetString());
        var answer = result.GetProperty("answer");
        Assert.Equal(result.GetProperty("postedId").GetString(), answer.GetProperty("replyToId").GetString());
        Assert.Contains("slight pinch", answer.Text());
        answer.AssertCarriesDisclaimer();
        AssertWebChatShowsButtons(answer, "patient-42");

        // After a refresh the chat goes on with the new token.
        Assert.Contains("slight pinch", result.GetProperty("refreshed").GetProperty("answer").Text());
        var statuses = result.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()).ToArray();
        Assert.Contains("Online", statuses);
        Assert.DoesNotContain("ExpiredToken", statuses);
        Assert.DoesNotContain("FailedToConnect", statuses);
        // Direct Line sends typing on the WebSocket only: polling never sees it.
        if (!webSocket) Assert.Equal(0, result.GetProperty("typing").GetInt32());
    }

    [Fact]
    public async Task A_stream_cut_mid_chat_reconnects_with_its_watermark_losing_and_repeating_nothing()
    {
        var (token, _) = await GenerateTokenAsync(_server, "patient-7");

        await using var peer = await NodePeer.DirectLineAsync("reconnect", new
        {
            domain = Domain(_server), token, userId = "patient-7", question = Question, secondQuestion = "What are the risks of acupuncture?",
        });
        var result = await peer.WaitForAsync("result", TimeSpan.FromSeconds(60));

        Assert.True(result.GetProperty("socketsOpened").GetInt32() >= 2, "the library did not open a second stream");
        Assert.Contains("bruising", result.GetProperty("later").Text());
        // Every stored activity exactly once, in order: welcome, echo, answer, echo, answer.
        var watermarks = result.GetProperty("ids").EnumerateArray().Select(id => long.Parse(id.GetString()!.Split('|')[1])).ToArray();
        Assert.Equal(Enumerable.Range(1, watermarks.Length).Select(i => (long)i), watermarks);
        Assert.Equal(5, watermarks.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_token_that_expires_mid_chat_brings_the_library_to_ExpiredToken(bool webSocket)
    {
        await using var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}", "--DirectLine:TokenLifetime=00:00:08");
        var (token, _) = await GenerateTokenAsync(server, "patient-3");

        await using var peer = await NodePeer.DirectLineAsync("expire", new { domain = Domain(server), token, userId = "patient-3", webSocket, question = Question });
        var result = await peer.WaitForAsync("result", TimeSpan.FromSeconds(60));

        var statuses = result.GetProperty("statuses").EnumerateArray().Select(s => s.GetString()).ToArray();
        Assert.Contains("Online", statuses);
        Assert.Equal("ExpiredToken", statuses[^1]);
    }

    [Fact]
    public async Task A_shutdown_closes_the_stream_with_a_close_frame_well_before_the_host_gives_up()
    {
        var server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}");
        try
        {
            var (token, _) = await GenerateTokenAsync(server, "patient-5");
            await using var peer = await NodePeer.DirectLineAsync("shutdown", new { domain = Domain(server), token, userId = "patient-5" });
            await peer.WaitForAsync("ready");

            // What SIGTERM does: the host's lifetime stops the application.
            var clock = Stopwatch.StartNew();
            var stopping = server.App.StopAsync();
            var closed = await peer.WaitForAsync("result", TimeSpan.FromSeconds(30));
            var elapsed = clock.Elapsed;
            await stopping;

            Assert.Equal(1001, closed.GetProperty("code").GetInt32()); // going away: a close frame, not 1006
            // Left open, the stream would be cut (1006) when the host's 30 s shutdown timeout ran out; the bound
            // is far from that and loose enough for a busy two-core CI machine, where 3 s has been seen.
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the close frame came after {elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Web Chat shows suggested actions addressed to nobody, or to its user among others (queueIncomingActivitySaga).</summary>
    private static void AssertWebChatShowsButtons(JsonElement activity, string userId)
    {
        if (!activity.TryGetProperty("suggestedActions", out var suggested)) return;
        if (!suggested.TryGetProperty("to", out var to) || to.GetArrayLength() == 0) return;
        Assert.Contains(userId, to.EnumerateArray().Select(t => t.GetString()));
    }

    internal static string Domain(BotServer server) => new Uri(server.BaseAddress, "v3/directline").ToString();

    /// <summary>What a clinic's token server does: tokens/generate with the secret, naming its user.</summary>
    internal static async Task<(string Token, string ConversationId)> GenerateTokenAsync(BotServer server, string userId)
    {
        var generated = await new DirectLineClient(server.Client).PostJsonAsync("v3/directline/tokens/generate", Secret, new { user = new { id = userId } });
        return (generated.GetProperty("token").GetString()!, generated.GetProperty("conversationId").GetString()!);
    }
}
