using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.DirectLine;

/// <summary>The Direct Line 3.0 channel from a client's side: tokens, conversations, the stream and its resumption.</summary>
public class DirectLineApiTests : IAsyncLifetime
{
    private const string Secret = "test-directline-secret";
    private BotServer _server = null!;
    private DirectLineClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await BotServer.StartAsync($"--DirectLine:Secret={Secret}", "--DirectLine:KeepAliveInterval=00:00:00.300",
            "--WebChat:AllowedOrigins:0=https://www.my-clinic.example");
        _client = new DirectLineClient(_server.Client);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Starting_a_conversation_welcomes_the_user_with_suggestions_and_the_disclaimer()
    {
        var conversation = await _client.StartAsync();

        var (activities, watermark) = await _client.ReadAsync(conversation);

        var welcome = Assert.Single(activities);
        Assert.Contains("virtual assistant", StreamReader.Text(welcome));
        Assert.Contains(RepoPaths.Disclaimer, StreamReader.Text(welcome));
        Assert.Equal(conversation.UserId, welcome.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(3, welcome.GetProperty("suggestedActions").GetProperty("actions").GetArrayLength());
        Assert.Equal("1", watermark);
    }

    /// <summary>
    /// A client that closes while the server is sending the history: the server finishes its send and answers
    /// the close. It used to cancel the send, which aborts a .NET WebSocket, and the client saw its
    /// connection reset instead of a close frame (a CI run failed so).
    /// </summary>
    [Fact]
    public async Task A_client_closing_at_once_always_gets_the_close_frame_back()
    {
        var conversation = await _client.StartAsync();
        for (var i = 0; i < 12; i++) await _client.SayAsync(conversation, "How long do the needles stay in?");

        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new Uri(conversation.StreamUrl), bounded.Token);
            // The close goes out while the server sends the history (25 activities): a reset here throws.
            await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", bounded.Token);
            Assert.Equal(System.Net.WebSockets.WebSocketState.Closed, socket.State);
            Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        }
    }

    [Fact]
    public async Task A_message_is_echoed_then_answered_and_typing_is_not_kept_for_GET()
    {
        var conversation = await _client.StartAsync();

        var posted = await _client.SayAsync(conversation, "How long do the needles stay in?");
        var (activities, _) = await _client.ReadAsync(conversation, watermark: "1");

        Assert.Equal(posted.GetProperty("id").GetString(), StreamReader.Id(activities[0]));
        // Direct Line sends typing on the WebSocket only.
        Assert.Equal(["message", "message"], activities.Select(a => a.GetProperty("type").GetString()!));
        var answer = activities[1];
        Assert.Contains("20 to 30 minutes", StreamReader.Text(answer));
        Assert.Contains(RepoPaths.Disclaimer, StreamReader.Text(answer));
        Assert.Equal(StreamReader.Id(activities[0]), answer.GetProperty("replyToId").GetString());
        Assert.Equal("directline", answer.GetProperty("channelId").GetString());
    }

    [Fact]
    public async Task Typing_goes_to_open_streams_only_and_never_after_what_it_announced()
    {
        var conversation = await _client.StartAsync();
        await using var stream = await StreamReader.ConnectAsync(conversation.StreamUrl);
        await stream.WaitForAsync(a => StreamReader.Text(a).Contains("virtual assistant")); // watermark 1
        var streams = _server.App.Services.GetRequiredService<AcuBot.DirectLine.DirectLineStreams>();

        // One published before the welcome is stale (the welcome it preceded is out); one published now is not.
        Assert.True(streams.Publish(conversation.Id, after: 0, Typing(conversation, "stale")));
        Assert.True(streams.Publish(conversation.Id, after: 1, Typing(conversation, "fresh")));

        var fresh = await stream.WaitForAsync(a => a.GetProperty("type").GetString() == "typing");
        Assert.Equal("fresh", fresh.GetProperty("id").GetString());
        Assert.DoesNotContain(stream.Activities, a => a.GetProperty("id").GetString() == "stale");
        var (stored, _) = await _client.ReadAsync(conversation);
        Assert.DoesNotContain(stored, a => a.GetProperty("type").GetString() == "typing");
        Assert.False(streams.Publish("no-stream-" + conversation.Id, after: 0, Typing(conversation, "nobody")));
    }

    private static AcuBot.Protocol.Schema.Activity Typing(Conversation conversation, string id) => new()
    {
        Type = "typing", Id = id, Conversation = new() { Id = conversation.Id }, From = new() { Id = "acubot", Role = "bot" },
    };

    [Fact]
    public async Task The_stream_pushes_replies_and_resumes_from_a_watermark_without_loss_or_repeats()
    {
        var conversation = await _client.StartAsync();
        string watermark;
        await using (var stream = await StreamReader.ConnectAsync(conversation.StreamUrl))
        {
            await stream.WaitForAsync(a => StreamReader.Text(a).Contains("virtual assistant"));
            await _client.SayAsync(conversation, "Does acupuncture hurt?");
            await stream.WaitForAsync(a => StreamReader.Text(a).Contains("slight pinch"));
            watermark = stream.LastWatermark!;
            // Welcome, echo, answer; a typing indicator between the last two when the stream saw the echo before the answer was ready.
            var types = stream.Activities.Select(a => a.GetProperty("type").GetString()).ToArray();
            Assert.True(types is ["message", "message", "message"] or ["message", "message", "typing", "message"], string.Join(", ", types));
        }

        // While the client is away the conversation goes on.
        await _client.SayAsync(conversation, "What are the risks of acupuncture?");

        // Reconnect as botframework-directlinejs does: GET the conversation with the watermark for a new stream URL.
        var reconnected = await _client.GetJsonAsync($"v3/directline/conversations/{conversation.Id}?watermark={watermark}", conversation.Token);
        var streamUrl = reconnected.GetProperty("streamUrl").GetString()!;
        Assert.Contains($"watermark={watermark}", streamUrl);
        await using var resumed = await StreamReader.ConnectAsync(streamUrl);

        await resumed.WaitForAsync(a => StreamReader.Text(a).Contains("bruising"));
        var ids = resumed.Activities.Select(StreamReader.Id).ToArray();
        // What was said while away, and its answer: no typing replayed (it is for the moment it is sent).
        Assert.Equal(["message", "message"], resumed.Activities.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal("What are the risks of acupuncture?", StreamReader.Text(resumed.Activities[0]));
        Assert.Equal(ids.Distinct(), ids);
        Assert.All(ids, id => Assert.True(long.Parse(id.Split('|')[1]) > long.Parse(watermark), $"{id} repeats an activity before the watermark {watermark}"));
    }

    [Fact]
    public async Task An_idle_stream_gets_keep_alives()
    {
        var conversation = await _client.StartAsync();
        await using var stream = await StreamReader.ConnectAsync(conversation.StreamUrl);

        await stream.WaitForKeepAliveAsync(TimeSpan.FromSeconds(5));

        Assert.True(stream.KeepAlives > 0);
    }

    [Fact]
    public async Task A_token_is_bound_to_its_conversation()
    {
        var mine = await _client.StartAsync("patient-a");
        var theirs = await _client.StartAsync("patient-b");

        using var read = await _client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{theirs.Id}/activities", mine.Token);
        using var post = await _client.SendAsync(HttpMethod.Post, $"v3/directline/conversations/{theirs.Id}/activities", mine.Token, new { type = "message", from = new { id = "x" }, text = "hi" });
        using var reconnect = await _client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{theirs.Id}", mine.Token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => StreamReader.ConnectAsync(theirs.StreamUrl.Replace(Uri.EscapeDataString(theirs.Token), Uri.EscapeDataString(mine.Token))));
    }

    [Fact]
    public async Task Missing_credentials_get_401_and_forged_ones_403_as_Direct_Line_answers()
    {
        var conversation = await _client.StartAsync();
        var path = $"v3/directline/conversations/{conversation.Id}/activities";

        foreach (var credential in new[] { null, "" })
        {
            using var response = await _client.SendAsync(HttpMethod.Get, path, credential);
            await response.AssertErrorAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        // botframework-directlinejs stops polling for good on a 401 but goes to ExpiredToken on a 403.
        var forged = "x" + conversation.Token[1..];
        var parts = conversation.Token.Split('.');
        var otherPayload = parts[0] + "." + parts[1][..^2] + "AA." + parts[2];
        foreach (var credential in new[] { forged, "not-a-token", conversation.Token + "x", otherPayload, "wrong-secret" })
        {
            using var response = await _client.SendAsync(HttpMethod.Get, path, credential);
            var (code, _) = await response.AssertErrorAsync(HttpStatusCode.Forbidden);
            Assert.Equal("BadArgument", code);
        }
        using var badRefresh = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/refresh", forged);
        await badRefresh.AssertErrorAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_expired_token_gets_403_TokenExpired_everywhere_a_client_uses_it()
    {
        await using var shortLived = await BotServer.StartAsync("--DirectLine:TokenLifetime=00:00:01");
        var client = new DirectLineClient(shortLived.Client);
        var expiring = await client.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, $"v3/directline/conversations/{expiring.Id}/activities"),
                     (HttpMethod.Post, $"v3/directline/conversations/{expiring.Id}/activities"),
                     (HttpMethod.Get, $"v3/directline/conversations/{expiring.Id}?watermark=1"),
                     (HttpMethod.Post, "v3/directline/tokens/refresh"),
                     (HttpMethod.Post, "v3/directline/conversations"),
                 })
        {
            using var response = await client.SendAsync(method, path, expiring.Token, method == HttpMethod.Post ? new { type = "message", from = new { id = "x" }, text = "hi" } : null);
            var (code, _) = await response.AssertErrorAsync(HttpStatusCode.Forbidden);
            Assert.Equal("TokenExpired", code);
        }
        var socketError = await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => StreamReader.ConnectAsync(expiring.StreamUrl));
        Assert.Contains("403", socketError.Message);
    }

    [Fact]
    public async Task Only_the_secret_generates_tokens_and_a_token_can_be_refreshed()
    {
        using var withoutSecret = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", "wrong-secret");
        Assert.Equal(HttpStatusCode.Forbidden, withoutSecret.StatusCode);

        var generated = await _client.PostJsonAsync("v3/directline/tokens/generate", Secret, new { user = new { id = "patient-9" } });
        var token = generated.GetProperty("token").GetString()!;
        var conversationId = generated.GetProperty("conversationId").GetString()!;
        Assert.Equal(3600, generated.GetProperty("expires_in").GetInt32());
        using var fromToken = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", token);
        Assert.Equal(HttpStatusCode.Forbidden, fromToken.StatusCode);

        var refreshed = await _client.PostJsonAsync("v3/directline/tokens/refresh", token);
        Assert.Equal(conversationId, refreshed.GetProperty("conversationId").GetString());
        var started = await _client.PostJsonAsync("v3/directline/conversations", refreshed.GetProperty("token").GetString()!);
        Assert.Equal(conversationId, started.GetProperty("conversationId").GetString());

        // A message claiming to be someone else is recorded as the token's user.
        var conversation = new Conversation(conversationId, token, "", "someone-else");
        await _client.SayAsync(conversation, "hello");
        var (activities, _) = await _client.ReadAsync(conversation, "1");
        Assert.Equal("patient-9", activities[0].GetProperty("from").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("patient@clinic.example")]
    [InlineData("auth0|5f1c-22")]
    [InlineData("r_k3j2h1")]
    public async Task A_token_servers_user_id_is_bound_into_the_token_and_every_reply_is_addressed_to_it(string userId)
    {
        var generated = await _client.PostJsonAsync("v3/directline/tokens/generate", Secret, new { user = new { id = userId } });
        var token = generated.GetProperty("token").GetString()!;
        // botframework-directlinejs and Web Chat read the user from the token's "user" claim.
        var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;
        Assert.Equal(userId, claims.GetProperty("user").GetString());

        // directlinejs sends the user it was given (none here) in the body: the token's wins.
        var started = await _client.PostJsonAsync("v3/directline/conversations", token, new { user = new { id = "r_other" } });
        var conversation = new Conversation(started.GetProperty("conversationId").GetString()!, token, "", userId);
        await _client.SayAsync(conversation, "Does acupuncture hurt?");
        var (activities, _) = await _client.ReadAsync(conversation);

        var welcome = activities[0];
        Assert.Equal(userId, welcome.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal([userId], welcome.GetProperty("suggestedActions").GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        Assert.All(activities.Skip(1), a => Assert.Equal(userId, a.GetProperty(a.GetProperty("from").GetProperty("role").GetString() == "bot" ? "recipient" : "from").GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("dl_patient-1")]
    [InlineData("DL_patient-1")]
    [InlineData("has space")]
    [InlineData("")]
    public async Task User_ids_Web_Chat_would_not_use_are_refused_with_400(string userId)
    {
        using var generate = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", Secret, new { user = new { id = userId } });
        await generate.AssertErrorAsync(HttpStatusCode.BadRequest);
        using var start = await _client.SendAsync(HttpMethod.Post, "v3/directline/conversations", Secret, new { user = new { id = userId } });
        await start.AssertErrorAsync(HttpStatusCode.BadRequest);
        using var oversized = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", Secret, new { user = new { id = new string('a', 65) } });
        var (_, message) = await oversized.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("64", message);
    }

    [Fact]
    public async Task With_the_secret_the_welcome_goes_to_the_user_the_body_names_or_to_no_one_else()
    {
        var named = await _client.PostJsonAsync("v3/directline/conversations", Secret, new { user = new { id = "patient-12" } });
        var (namedActivities, _) = await _client.ReadAsync(new Conversation(named.GetProperty("conversationId").GetString()!, Secret, "", "patient-12"));
        var welcome = Assert.Single(namedActivities);
        Assert.Equal("patient-12", welcome.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal(["patient-12"], welcome.GetProperty("suggestedActions").GetProperty("to").EnumerateArray().Select(t => t.GetString()));

        // As botframework-directlinejs starts one when given no user id: the welcome names no made-up user,
        // so Web Chat shows its buttons to whichever user it has.
        var anonymous = await _client.PostJsonAsync("v3/directline/conversations", Secret, new { user = new { } });
        var conversation = new Conversation(anonymous.GetProperty("conversationId").GetString()!, Secret, "", "r_abc123");
        var (activities, _) = await _client.ReadAsync(conversation);
        var greeting = Assert.Single(activities);
        Assert.False(greeting.GetProperty("suggestedActions").TryGetProperty("to", out _));
        Assert.False(greeting.GetProperty("recipient").TryGetProperty("id", out _));

        await _client.SayAsync(conversation, "Does acupuncture hurt?");
        var (replies, _) = await _client.ReadAsync(conversation, "1");
        Assert.Equal("r_abc123", replies[^1].GetProperty("recipient").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Other_origins_are_refused_and_configured_ones_allowed()
    {
        using var evil = new HttpRequestMessage(HttpMethod.Post, "api/webchat/token") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        evil.Headers.Add("Origin", "https://evil.example");
        using var refused = await _server.Client.SendAsync(evil);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var clinic = new HttpRequestMessage(HttpMethod.Post, "api/webchat/token") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        clinic.Headers.Add("Origin", "https://www.my-clinic.example");
        using var allowed = await _server.Client.SendAsync(clinic);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://www.my-clinic.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var conversation = await _client.StartAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => StreamReader.ConnectAsync(conversation.StreamUrl, origin: "https://evil.example"));
        await using var fromClinic = await StreamReader.ConnectAsync(conversation.StreamUrl, origin: "https://www.my-clinic.example");
        await fromClinic.WaitForAsync(a => StreamReader.Text(a).Contains("virtual assistant"));
    }

    [Fact]
    public async Task Bad_activities_get_clear_errors_and_the_conversation_goes_on()
    {
        var conversation = await _client.StartAsync();
        var path = $"v3/directline/conversations/{conversation.Id}/activities";

        using var malformed = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        malformed.Headers.Authorization = new("Bearer", conversation.Token);
        using var malformedResponse = await _server.Client.SendAsync(malformed);
        Assert.Equal(HttpStatusCode.BadRequest, malformedResponse.StatusCode);

        using var unknownConversation = await _client.SendAsync(HttpMethod.Get, "v3/directline/conversations/nope/activities", Secret);
        Assert.Equal(HttpStatusCode.NotFound, unknownConversation.StatusCode);

        await _client.SayAsync(conversation, "Does acupuncture hurt?");
        var (activities, _) = await _client.ReadAsync(conversation, "1");
        Assert.Contains(activities, a => StreamReader.Text(a).Contains("slight pinch"));
    }
}
