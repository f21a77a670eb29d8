using System.Net;
using System.Text;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>
/// Bad input gets a clear 4xx (or a polite reply), never an exception or a hang, and the server keeps
/// serving: every test ends by asking a good question and getting the right answer.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class BadInputTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Malformed_json_is_400_with_an_error_body()
    {
        var mark = fixture.Server.Logs.Count;
        using var response = await fixture.Client.PostRawAsync("""{"type":"message","text":"Does acupuncture hurt?" """, "application/json");

        var (code, message) = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BadArgument", code);
        Assert.Contains("not a valid Activity", message);
        await AssertStillServingAsync(mark);
    }

    [Theory]
    [InlineData("""{"text":"Does acupuncture hurt?","channelId":"emulator"}""")]
    [InlineData("""{"type":"","text":"Does acupuncture hurt?"}""")]
    [InlineData("""{"type":"   ","text":"Does acupuncture hurt?"}""")]
    [InlineData("""{"type":null,"text":"Does acupuncture hurt?"}""")]
    public async Task An_activity_without_a_type_is_400(string body)
    {
        var mark = fixture.Server.Logs.Count;
        using var response = await fixture.Client.PostRawAsync(body, "application/json");

        var (_, message) = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("type", message);
        await AssertStillServingAsync(mark);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"type":"message","text":"Does acupuncture hurt?"}]""")]
    [InlineData("null")]
    [InlineData("\"message\"")]
    [InlineData("42")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body)
    {
        var mark = fixture.Server.Logs.Count;
        using var response = await fixture.Client.PostRawAsync(body, "application/json");

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BadArgument", code);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task Wrongly_typed_fields_are_400_not_500()
    {
        var mark = fixture.Server.Logs.Count;
        var activity = EmulatorActivity.ExpectReplies("Does acupuncture hurt?");
        activity["from"] = "not an object";
        activity["timestamp"] = "yesterday";

        using var response = await fixture.Client.PostActivityAsync(activity);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_not_500()
    {
        var mark = fixture.Server.Logs.Count;
        var body = """{"type":"message","deliveryMode":"expectReplies","text":"hi","channelData":""" + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await fixture.Client.PostRawAsync(body, "application/json");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        await AssertStillServingAsync(mark);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_declared_json_is_415(string contentType)
    {
        var mark = fixture.Server.Logs.Count;
        using var response = await fixture.Client.PostRawAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?").ToJsonString(), contentType);

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("UnsupportedMediaType", code);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task A_request_without_a_content_type_is_415()
    {
        var mark = fixture.Server.Logs.Count;
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(EmulatorActivity.ExpectReplies("Does acupuncture hurt?").ToJsonString()));
        using var response = await fixture.Client.PostAsync(BotHttp.MessagesPath, content);

        await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task A_one_megabyte_body_is_413()
    {
        var mark = fixture.Server.Logs.Count;
        var activity = EmulatorActivity.ExpectReplies("Does acupuncture hurt?");
        activity["channelData"]!.AsObject()["padding"] = new string('x', 1024 * 1024);

        using var response = await fixture.Client.PostActivityAsync(activity);

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("PayloadTooLarge", code);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_content_length_is_413()
    {
        var mark = fixture.Server.Logs.Count;
        using var response = await PostChunkedAsync(300 * 1024); // over the endpoint's 256 KiB limit, under Kestrel's 512 KiB

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("PayloadTooLarge", code);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task A_one_megabyte_chunked_body_is_413_and_the_server_keeps_serving()
    {
        using var response = await PostChunkedAsync(1024 * 1024);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("What are the risks of acupuncture?")));
        Assert.Equal("answer", reply.Kind());
    }

    [Fact]
    public async Task A_one_megabyte_chunked_body_gets_the_endpoints_413_error_body_without_an_unhandled_exception()
    {
        var mark = fixture.Server.Logs.Count;
        using var response = await PostChunkedAsync(1024 * 1024);

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("PayloadTooLarge", code);
        await AssertStillServingAsync(mark);
    }

    private async Task<HttpResponseMessage> PostChunkedAsync(int paddingSize)
    {
        var activity = EmulatorActivity.ExpectReplies("Does acupuncture hurt?");
        activity["channelData"]!.AsObject()["padding"] = new string('x', paddingSize);
        var content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(activity.ToJsonString())));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, BotHttp.MessagesPath) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return await fixture.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_answered()
    {
        var activity = EmulatorActivity.ExpectReplies("What are the risks of acupuncture?");
        activity["channelData"]!.AsObject()["padding"] = new string('x', 200 * 1024);

        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(activity));

        Assert.Equal("answer", reply.Kind());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public async Task A_message_without_text_gets_a_polite_reply_with_the_disclaimer(string? text)
    {
        var mark = fixture.Server.Logs.Count;
        var incoming = EmulatorActivity.Message(text, fixture.Connector.ServiceUrl);

        using var response = await fixture.Client.PostActivityAsync(incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.IsType<JsonElement>(Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming))).Json);
        Assert.Equal("inputProblem", reply.Kind());
        Assert.Contains("didn't catch a question", reply.Text());
        reply.AssertCarriesDisclaimer();
        Assert.Equal(3, reply.SuggestedActions().Count);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task A_ten_thousand_character_message_gets_a_polite_reply()
    {
        var mark = fixture.Server.Logs.Count;
        var text = string.Concat(Enumerable.Repeat("Does acupuncture hurt? ", 500))[..10_000];
        var incoming = EmulatorActivity.Message(text, fixture.Connector.ServiceUrl);

        using var response = await fixture.Client.PostActivityAsync(incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.IsType<JsonElement>(Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming))).Json);
        Assert.Equal("inputProblem", reply.Kind());
        Assert.Contains("longer than I can read", reply.Text());
        Assert.Contains("1000", reply.Text());
        reply.AssertCarriesDisclaimer();
        await AssertStillServingAsync(mark);
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public async Task The_length_limit_is_MaxMessageLength_characters(int length, bool refused)
    {
        const string question = "What are the risks of acupuncture?";
        var text = question + new string('?', length - question.Length);

        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(text)));

        Assert.Equal(refused, reply.Kind() == "inputProblem");
        reply.AssertCarriesDisclaimer();
    }

    [Fact]
    public async Task A_message_without_serviceUrl_is_400()
    {
        var mark = fixture.Server.Logs.Count;
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl: null);

        using var response = await fixture.Client.PostActivityAsync(incoming);

        var (code, message) = await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("BadArgument", code);
        Assert.Contains("serviceUrl", message);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task A_message_without_conversation_is_400()
    {
        var mark = fixture.Server.Logs.Count;
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        incoming.Remove("conversation");
        var received = fixture.Connector.Received.Count;

        using var response = await fixture.Client.PostActivityAsync(incoming);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal(received, fixture.Connector.Received.Count);
        await AssertStillServingAsync(mark);
    }

    [Theory]
    [InlineData("http://example.invalid/")]
    [InlineData("https://10.1.2.3/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost.example.invalid:3978/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    public async Task A_serviceUrl_off_the_allow_list_is_403_and_nothing_is_sent(string serviceUrl)
    {
        var mark = fixture.Server.Logs.Count;
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(incoming);
        var sentBefore = fixture.Server.Outgoing.Sent.Count;

        using var response = await fixture.Client.PostActivityAsync(incoming);

        var (code, _) = await response.AssertErrorAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", code);
        Assert.Empty(fixture.Connector.ReceivedFor(conversationId));
        var sent = fixture.Server.Outgoing.Sent.Skip(sentBefore).ToArray();
        Assert.DoesNotContain(sent, s => s.Uri?.ToString().Contains(Uri.EscapeDataString(conversationId)) == true);
        Assert.DoesNotContain(sent, s => s.Uri is { } uri && !uri.IsLoopback);
        await AssertStillServingAsync(mark);
    }

    [Fact]
    public async Task A_loopback_serviceUrl_with_user_info_is_403()
    {
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl.Replace("http://", "http://admin:secret@"));

        using var response = await fixture.Client.PostActivityAsync(incoming);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden);
        Assert.Empty(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming)));
    }

    [Fact]
    public async Task Too_many_attachments_is_400()
    {
        var mark = fixture.Server.Logs.Count;
        var incoming = EmulatorActivity.ExpectReplies("Does acupuncture hurt?");
        var attachments = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 11; i++)
            attachments.Add(new System.Text.Json.Nodes.JsonObject { ["contentType"] = "image/png", ["contentUrl"] = $"http://127.0.0.1/{i}.png" });
        incoming["attachments"] = attachments;

        using var response = await fixture.Client.PostActivityAsync(incoming);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        await AssertStillServingAsync(mark);
    }

    /// <summary>A good question still gets its answer, and the bad request left no unhandled exception in the logs.</summary>
    private async Task AssertStillServingAsync(int logMark)
    {
        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("What are the risks of acupuncture?")));
        Assert.Equal("Understanding the Risks Associated with Acupuncture", reply.Section());
        reply.AssertCarriesDisclaimer();
        var failures = fixture.Server.Logs.ServerFailuresSince(logMark);
        Assert.True(failures.Count == 0, "the server logged failures: " + string.Join(" | ", failures.Select(f => $"{f.Category}: {f.Message} {f.Exception?.GetType().Name}")));
    }

    /// <summary>A stream that does not say how long it is, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
