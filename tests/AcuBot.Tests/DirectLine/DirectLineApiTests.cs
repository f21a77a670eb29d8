using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

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

    [Fact]
    public async Task A_message_is_echoed_then_answered_with_typing_in_between()
    {
        var conversation = await _client.StartAsync();

        var posted = await _client.SayAsync(conversation, "How long do the needles stay in?");
        var (activities, _) = await _client.ReadAsync(conversation, watermark: "1");

        Assert.Equal(posted.GetProperty("id").GetString(), StreamReader.Id(activities[0]));
        Assert.Equal(["message", "typing", "message"], activities.Select(a => a.GetProperty("type").GetString()!));
        var answer = activities[2];
        Assert.Contains("20 to 30 minutes", StreamReader.Text(answer));
        Assert.Contains(RepoPaths.Disclaimer, StreamReader.Text(answer));
        Assert.Equal(StreamReader.Id(activities[0]), answer.GetProperty("replyToId").GetString());
        Assert.Equal("directline", answer.GetProperty("channelId").GetString());
    }

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
            Assert.Equal(4, stream.Activities.Count); // welcome, echo, typing, answer
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
        Assert.Equal(["What are the risks of acupuncture?", "", StreamReader.Text(resumed.Activities[2])], resumed.Activities.Select(StreamReader.Text));
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
    public async Task Forged_missing_and_expired_credentials_are_refused()
    {
        var conversation = await _client.StartAsync();
        var forged = "x" + conversation.Token[1..];

        foreach (var credential in new[] { null, "", forged, "not-a-token", conversation.Token + "x" })
        {
            using var response = await _client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{conversation.Id}/activities", credential);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        await using var shortLived = await BotServer.StartAsync("--DirectLine:TokenLifetime=00:00:01");
        var client = new DirectLineClient(shortLived.Client);
        var expiring = await client.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var expired = await client.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{expiring.Id}/activities", expiring.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Only_the_secret_generates_tokens_and_a_token_can_be_refreshed()
    {
        using var withoutSecret = await _client.SendAsync(HttpMethod.Post, "v3/directline/tokens/generate", "wrong-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutSecret.StatusCode);

        var generated = await _client.PostJsonAsync("v3/directline/tokens/generate", Secret, new { user = new { id = "patient-9" } });
        var token = generated.GetProperty("token").GetString()!;
        var conversationId = generated.GetProperty("conversationId").GetString()!;
        Assert.Equal(3600, generated.GetProperty("expires_in").GetInt32());

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
