using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcuBot.Tests.Support;
using CsCheck;

namespace AcuBot.Tests.Fuzzing;

/// <summary>
/// A corpus of nasty requests to <c>POST /api/messages</c> on the real server: invalid UTF-8, BOMs, NUL
/// bytes, lone surrogates, huge and deeply nested bodies, nulls everywhere, wrong types for the fields,
/// duplicate keys, numbers out of range, RTL/emoji/zero-width text, CR-only line breaks, odd ids, and
/// broken HTTP framing. Each gets its expected status (never a 500), a well-formed body, and leaves no
/// unhandled exception in the server's logs.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class EndpointCorpusTests(BotServerFixture fixture)
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p switch { string s => Utf8(s), byte[] b => b, _ => throw new ArgumentException("string or byte[]") }).ToArray();

    /// <summary>An expectReplies message whose text is the raw JSON <paramref name="textJson"/>.</summary>
    private static string Message(string textJson, string extra = "") =>
        $$"""{"type":"message","id":"m1","deliveryMode":"expectReplies","from":{"id":"u"},"recipient":{"id":"b"},"conversation":{"id":"corpus-{{Guid.NewGuid():N}}"},"text":{{textJson}}{{extra}}}""";

    private static byte[] Text(string text) => Utf8(Message(MessageGen.JsonLiteral(text)));

    private sealed record Case(Func<string, byte[]> Body, HttpStatusCode[] Allowed, string? Kind = null, string? ContentType = "application/json");

    private static Case Expect(byte[] body, HttpStatusCode status, string? kind = null) => new(_ => body, [status], kind);

    private static readonly HttpStatusCode Ok = HttpStatusCode.OK, Bad = HttpStatusCode.BadRequest;

    /// <summary>Name, then the request and what it must get (bodies are built only when their case runs).</summary>
    private static readonly Dictionary<string, Func<Case>> Cases = new()
    {
        // encodings and odd characters
        ["invalid UTF-8 in text"] = () => Expect(Concat(Message("\"caf"), new byte[] { 0xE9 }, "\"}"), Bad),
        ["invalid UTF-8 inside a valid text"] = () => Expect(Concat("""{"type":"message","deliveryMode":"expectReplies","text":"a""", new byte[] { 0xC3, 0x28 }, "\"}"), Bad),
        ["UTF-8 BOM before the body"] = () => new(_ => Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Message("\"Does acupuncture hurt?\"")), [Ok]),
        ["UTF-16 body"] = () => Expect(Encoding.Unicode.GetBytes(Message("\"hi\"")), Bad),
        ["escaped NUL in text"] = () => Expect(Text("Does\0 acupuncture hurt?\0"), Ok),
        ["text of only NUL"] = () => Expect(Text("\0"), Ok, "fallback"),
        ["raw NUL byte in text"] = () => Expect(Concat(Message("\"a"), new byte[] { 0 }, "\"}"), Bad),
        ["lone surrogate in text"] = () => Expect(Utf8(Message("\"\\ud800 hurts?\"")), Bad),
        ["lone surrogate in channelData"] = () => Expect(Utf8(Message("\"Does acupuncture hurt?\"", ",\"channelData\":\"\\udc00\"")), Bad),
        ["lone surrogate in an unknown field of from"] = () => Expect(Utf8(Message("\"Does acupuncture hurt?\"", ",\"from\":{\"id\":\"u\",\"x\":\"\\ud800\"}")), Bad),
        ["escaped backslash before u in text"] = () => Expect(Utf8(Message("\"C:\\\\ud800 does acupuncture hurt?\"")), Ok),
        ["right-to-left text"] = () => Expect(Text("هل الوخز بالإبر مؤلم؟ ‏האם זה כואב?"), Ok),
        ["emoji and ZWJ sequences"] = () => Expect(Text("👨‍👩‍👧 does acupuncture hurt? 😬🇫🇷"), Ok, "answer"),
        ["zero-width characters only"] = () => Expect(Text("\u200B\u200C\u200D\u2060\uFEFF"), Ok, "fallback"),
        ["bidi override around a question"] = () => Expect(Text("\u202EDoes acupuncture hurt?\u202C"), Ok),
        ["CRLF in text"] = () => Expect(Text("Does acupuncture\r\nhurt?"), Ok, "answer"),
        ["CR-only line breaks in text"] = () => Expect(Text("Does\racupuncture\rhurt?"), Ok, "answer"),
        ["markup in text"] = () => Expect(Text("<script>alert(1)</script> **hi** [x](javascript:alert(1)) {{7*7}}"), Ok),
        ["a 1000-character word"] = () => Expect(Text(new string('a', 1000)), Ok, "fallback"),
        ["a 1001-character word"] = () => Expect(Text(new string('a', 1001)), Ok, "inputProblem"),
        ["1000 question marks"] = () => Expect(Text(new string('?', 1000)), Ok),
        ["200 KB of text"] = () => Expect(Text(MessageGen.Repeat("Does acupuncture hurt? ", 200_000)), Ok, "inputProblem"),
        ["whitespace of every kind"] = () => Expect(Text(" \t\r\n\v\f\u00A0\u1680\u2000\u2028\u2029\u3000\u0085\u202F"), Ok, "inputProblem"),

        // size and nesting
        ["1 MB body"] = () => Expect(Utf8(Message(MessageGen.JsonLiteral(new string('x', 1_000_000)))), HttpStatusCode.RequestEntityTooLarge),
        ["channelData nested 64 levels"] = () => Expect(Utf8(Message("\"hi\"", ",\"channelData\":" + new string('[', 63) + new string(']', 63))), Ok),
        ["channelData nested 10k levels"] = () => Expect(Utf8(Message("\"hi\"", ",\"channelData\":" + new string('[', 10_000) + new string(']', 10_000))), Bad),
        ["10k unknown fields"] = () => Expect(Utf8(Message("\"hi\"", string.Concat(Enumerable.Range(0, 10_000).Select(i => $",\"x{i}\":{i}")))), Ok, "smallTalk"),
        ["the same unknown key 10k times"] = () => Expect(Utf8(Message("\"hi\"", string.Concat(Enumerable.Repeat(",\"x\":1", 10_000)))), Ok, "smallTalk"),
        ["11 attachments"] = () => Expect(Utf8(Message("\"hi\"", ",\"attachments\":[" + string.Join(",", Enumerable.Repeat("{}", 11)) + "]")), Bad),
        ["10 attachments"] = () => Expect(Utf8(Message("\"hi\"", ",\"attachments\":[" + string.Join(",", Enumerable.Repeat("{}", 10)) + "]")), Ok),
        ["1000 null attachments"] = () => Expect(Utf8(Message("\"hi\"", ",\"attachments\":[" + string.Join(",", Enumerable.Repeat("null", 1000)) + "]")), Bad),

        // nulls, duplicates, wrong types, numbers
        ["every field null but type and delivery mode"] = () => Expect(Utf8("""{"type":"message","deliveryMode":"expectReplies","id":null,"timestamp":null,"serviceUrl":null,"channelId":null,"from":null,"conversation":null,"recipient":null,"text":null,"locale":null,"attachments":null,"entities":null,"channelData":null,"value":null,"membersAdded":null,"suggestedActions":null}"""), Ok, "inputProblem"),
        ["nulls inside objects and lists"] = () => Expect(Utf8(Message("\"Does acupuncture hurt?\"", ",\"entities\":[null,{\"type\":null}],\"membersAdded\":[null],\"suggestedActions\":{\"actions\":null,\"to\":[null]}")), Ok, "answer"),
        ["type and text twice"] = () => Expect(Utf8("""{"type":"typing","text":"bye","deliveryMode":"expectReplies","type":"message","text":"Does acupuncture hurt?"}"""), Ok, "answer"),
        ["TYPE and Text in other cases"] = () => Expect(Utf8("""{"TYPE":"message","Text":"Does acupuncture hurt?","DeliveryMode":"expectReplies"}"""), Ok, "answer"),
        ["escaped key names"] = () => Expect(Utf8("""{"\u0074ype":"message","\u0074ext":"Does acupuncture hurt?","deliveryMode":"expectReplies"}"""), Ok, "answer"),
        ["text as a number"] = () => Expect(Utf8(Message("42")), Bad),
        ["text as an object"] = () => Expect(Utf8(Message("{\"value\":\"hi\"}")), Bad),
        ["text as an array"] = () => Expect(Utf8(Message("[\"hi\"]")), Bad),
        ["text as true"] = () => Expect(Utf8(Message("true")), Bad),
        ["from as a string"] = () => Expect(Utf8(Message("\"hi\"", ",\"from\":\"user\"")), Bad),
        ["conversation as an array"] = () => Expect(Utf8(Message("\"hi\"", ",\"conversation\":[]")), Bad),
        ["conversation id as a number"] = () => Expect(Utf8("""{"type":"message","deliveryMode":"expectReplies","conversation":{"id":7},"text":"hi"}"""), Bad),
        ["membersAdded as an object"] = () => Expect(Utf8(Message("\"hi\"", ",\"membersAdded\":{}")), Bad),
        ["attachments as a string"] = () => Expect(Utf8(Message("\"hi\"", ",\"attachments\":\"none\"")), Bad),
        ["entities as an object"] = () => Expect(Utf8(Message("\"hi\"", ",\"entities\":{}")), Bad),
        ["suggestedActions as a number"] = () => Expect(Utf8(Message("\"hi\"", ",\"suggestedActions\":1")), Bad),
        ["deliveryMode as true"] = () => Expect(Utf8("""{"type":"message","deliveryMode":true,"text":"hi"}"""), Bad),
        ["serviceUrl as an object"] = () => Expect(Utf8(Message("\"hi\"", ",\"serviceUrl\":{}")), Bad),
        ["type as a number"] = () => Expect(Utf8("""{"type":1,"deliveryMode":"expectReplies","text":"hi"}"""), Bad),
        ["timestamp as yesterday"] = () => Expect(Utf8(Message("\"hi\"", ",\"timestamp\":\"yesterday\"")), Bad),
        ["timestamp out of range"] = () => Expect(Utf8(Message("\"hi\"", ",\"timestamp\":\"0001-01-01T00:00:00+14:00\"")), Bad),
        ["isGroup as 1e400"] = () => Expect(Utf8(Message("\"hi\"", ",\"conversation\":{\"id\":\"c\",\"isGroup\":1e400}")), Bad),
        ["channelData as a number"] = () => Expect(Utf8(Message("\"hi\"", ",\"channelData\":42")), Ok, "smallTalk"),
        ["value as 1e400"] = () => Expect(Utf8(Message("\"hi\"", ",\"value\":1e400")), Ok, "smallTalk"),
        ["NaN"] = () => Expect(Utf8(Message("\"hi\"", ",\"value\":NaN")), Bad),

        // types and modes
        ["type with a BOM character"] = () => Expect(Utf8("{\"type\":\"\\ufeffmessage\",\"deliveryMode\":\"expectReplies\",\"text\":\"hi\"}"), Ok),
        ["type of a zero-width space"] = () => Expect(Utf8("{\"type\":\"\\u200b\",\"text\":\"hi\"}"), Ok),
        ["type of a no-break space"] = () => Expect(Utf8("{\"type\":\"\\u00a0\",\"text\":\"hi\"}"), Bad),
        ["deliveryMode in upper case"] = () => Expect(Utf8("""{"type":"message","deliveryMode":"EXPECTREPLIES","text":"Does acupuncture hurt?"}"""), Ok, "answer"),
        ["a message with no conversation and no serviceUrl"] = () => Expect(Utf8("""{"type":"message","text":"hi"}"""), Bad),

        // ids that must reach the reply URL intact
        ["conversation id with a slash, question mark and hash"] = () => new(serviceUrl => Utf8(EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl, "a/b?c#d|livechat").ToJsonString()), [Ok]),
        ["conversation id of percent signs"] = () => new(serviceUrl => Utf8(EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl, "%2F%2e%2e%").ToJsonString()), [Ok]),
        ["conversation id in Japanese with emoji"] = () => new(serviceUrl => Utf8(EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl, "会話😀/\u200B").ToJsonString()), [Ok]),
        ["a 512-character conversation id"] = () => new(serviceUrl => Utf8(EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl, new string('c', 512)).ToJsonString()), [Ok]),
        // Over Limits:MaxIdLength: conversation ids are kept (state, rate limits), so a long one is refused (issue 11).
        ["a 5 KB conversation id"] = () => new(serviceUrl => Utf8(EmulatorActivity.Message("Does acupuncture hurt?", serviceUrl, new string('c', 5000)).ToJsonString()), [HttpStatusCode.BadRequest]),

        // content types
        ["no content type"] = () => new(_ => Text("hi"), [HttpStatusCode.UnsupportedMediaType], ContentType: null),
        ["text/plain"] = () => new(_ => Text("hi"), [HttpStatusCode.UnsupportedMediaType], ContentType: "text/plain"),
        ["text/plain with +json in a parameter"] = () => new(_ => Text("hi"), [HttpStatusCode.UnsupportedMediaType], ContentType: "text/plain; x=+json"),
        ["charset utf-16 declared, UTF-8 sent"] = () => new(_ => Text("Does acupuncture hurt?"), [Ok], "answer", ContentType: "application/json; charset=utf-16"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Each_nasty_request_gets_its_status_and_well_formed_replies(string name)
    {
        var mark = fixture.Server.Logs.Count;
        var @case = Cases[name]();
        var body = @case.Body(fixture.Connector.ServiceUrl);

        var answer = await EndpointFuzzTests.PostAsync(fixture.Client, body, @case.ContentType);

        var replies = EndpointFuzzTests.AssertWellFormed(answer, @case.Allowed);
        if (@case.Kind is { } kind) Assert.Equal(kind, Assert.Single(replies).Kind());
        Assert.All(replies, r => Assert.DoesNotContain("<script>", r.Text()));
        AssertNoServerFailures(mark);
    }

    [Theory]
    [InlineData("a/b?c#d|livechat")]
    [InlineData("%2F%2e%2e%")]
    [InlineData("会話😀/\u200B")]
    public async Task Odd_conversation_ids_reach_the_channel_intact(string conversationId)
    {
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl, conversationId);

        var answer = await EndpointFuzzTests.PostAsync(fixture.Client, Utf8(incoming.ToJsonString()), "application/json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var post = Assert.Single(fixture.Connector.ReceivedFor(conversationId), r => r.ActivityId == EmulatorActivity.IdOf(incoming));
        Assert.Equal(conversationId, post.Activity!.Conversation!.Id);
        BotTurnFuzzTests.AssertEndsWithDisclaimer(post.Activity.Text!);
    }

    private void AssertNoServerFailures(int mark)
    {
        var failures = fixture.Server.Logs.ServerFailuresSince(mark);
        Assert.True(failures.Count == 0, "the server logged failures: " + string.Join(" | ", failures.Select(f => $"{f.Category}: {f.Message} {f.Exception?.GetType().Name}: {f.Exception?.Message}")));
    }

    // ---- broken HTTP framing, over a raw socket ----

    /// <summary>Sends <paramref name="request"/> as raw bytes and returns the status line's code (0 when the server closed without one).</summary>
    private async Task<(int Status, string Response)> SendRawAsync(byte[] request, bool closeSending)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync(fixture.Server.BaseAddress.Host, fixture.Server.BaseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        if (closeSending) client.Client.Shutdown(SocketShutdown.Send);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                var text = Encoding.UTF8.GetString(received.ToArray());
                var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headerEnd >= 0 && CompleteBody(text, headerEnd)) break;
            }
        }
        catch (IOException)
        {
            // the server reset the connection; whatever arrived is the answer
        }
        var response = Encoding.UTF8.GetString(received.ToArray());
        var status = response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(response.AsSpan(9, 3), out var code) ? code : 0;
        return (status, response);
    }

    private static bool CompleteBody(string response, int headerEnd)
    {
        var headers = response[..headerEnd];
        var length = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is null) return !headers.Contains("chunked", StringComparison.OrdinalIgnoreCase) || response.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
        return response.Length - headerEnd - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Request(string headers, string body) =>
        Utf8($"POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n{headers}\r\n{body}");

    private static readonly string SmallBody = Message("\"Does acupuncture hurt?\"");

    public static TheoryData<string, string, string, int> Framing() => new()
    {
        // name, extra headers, body, expected status
        { "a well-formed chunked body", "Transfer-Encoding: chunked\r\n", $"{Utf8(SmallBody).Length:x}\r\n{SmallBody}\r\n0\r\n\r\n", 200 },
        // RFC 9112 6.1: a server may process such a request by its Transfer-Encoding alone, as Kestrel does.
        { "Content-Length and chunked together", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", $"{Utf8(SmallBody).Length:x}\r\n{SmallBody}\r\n0\r\n\r\n", 200 },
        { "a negative Content-Length", "Content-Length: -1\r\n", SmallBody, 400 },
        { "a Content-Length that is not a number", "Content-Length: abc\r\n", SmallBody, 400 },
        { "two different Content-Lengths", $"Content-Length: 5\r\nContent-Length: {Utf8(SmallBody).Length}\r\n", SmallBody, 400 },
        { "an unknown transfer coding", "Transfer-Encoding: gzip, chunked, rot13\r\n", "0\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Framing))]
    public async Task Broken_framing_is_refused_by_the_server_before_the_bot(string name, string headers, string body, int expected)
    {
        var mark = fixture.Server.Logs.Count;

        var (status, response) = await SendRawAsync(Request(headers, body), closeSending: false);

        Assert.True(status == expected, $"{name}: expected {expected}, got: {BotHttp.Shorten(response)}");
        AssertNoServerFailures(mark);
    }

    /// <summary>
    /// Found by fuzzing (fixed): a body whose chunks were malformed, or that stopped arriving, was only found
    /// out while ActivityRequestReader read it; Kestrel's BadHttpRequestException (400 "Bad chunk size data",
    /// 400 "Bad chunk suffix", 408 "Reading the request body timed out ... MinRequestBodyDataRate") left the
    /// endpoint, was logged as "An unhandled exception was thrown by the application" at Error level, and was
    /// answered with an empty body. (The 408 case takes Kestrel's 5 s grace period, so it is not run here.)
    /// </summary>
    public static TheoryData<string, string, string, int> BrokenBodies() => new()
    {
        // name, extra headers, body, status
        { "a malformed chunk size", "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n", 400 },
        { "a chunk without its CRLF", "Transfer-Encoding: chunked\r\n", "2\r\n{}XX0\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_body_gets_its_4xx_with_the_error_body_and_no_unhandled_exception(string name, string headers, string body, int expected)
    {
        var mark = fixture.Server.Logs.Count;

        var (status, response) = await SendRawAsync(Request(headers, body), closeSending: false);

        Assert.True(status == expected, $"{name}: expected {expected}, got: {BotHttp.Shorten(response)}");
        Assert.Contains("\"error\"", response);
        AssertNoServerFailures(mark);
    }

    /// <summary>
    /// The same activity in any valid chunked framing (chunks of any size, hex sizes in either case and with
    /// leading zeros, chunk extensions, trailers) is read as if it came in one piece; chunk sizes that are not
    /// hex are refused with the error body. Each case is one raw request on its own connection.
    /// </summary>
    [Fact]
    public async Task Any_valid_chunking_of_a_body_is_read_as_the_body_and_a_bad_chunk_size_is_a_400()
    {
        var mark = fixture.Server.Logs.Count;
        var body = Utf8(SmallBody);
        var chunking = Gen.Select(Gen.Int[1, 60].Array[1, 40], Gen.Bool, Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 9]);

        await Fuzz.CheckAsync(chunking, async input =>
        {
            var (sizes, upper, zeros, extension, broken) = input;
            var framed = new StringBuilder();
            var at = 0;
            for (var i = 0; at < body.Length; i++)
            {
                var size = Math.Min(sizes[i % sizes.Length], body.Length - at);
                var hex = new string('0', zeros) + size.ToString(upper ? "X" : "x", System.Globalization.CultureInfo.InvariantCulture);
                if (broken == 0 && i == 1) hex = "g" + hex; // not hex
                framed.Append(hex).Append(extension switch { 1 => ";name=value", 2 => ";a;b=\"quoted\"", _ => "" }).Append("\r\n")
                    .Append(Encoding.UTF8.GetString(body, at, size)).Append("\r\n");
                at += size;
            }
            framed.Append("0\r\n").Append(extension == 2 ? "X-Trailer: 1\r\n" : "").Append("\r\n");
            var expectBad = broken == 0 && framed.ToString().Contains("\r\ng", StringComparison.Ordinal) || broken == 0 && framed.ToString().StartsWith('g');

            var (status, response) = await SendRawAsync(Request("Transfer-Encoding: chunked\r\n", framed.ToString()), closeSending: false);

            if (expectBad)
            {
                Assert.True(status == 400, $"expected 400, got: {BotHttp.Shorten(response)}");
                Assert.Contains("\"error\"", response);
            }
            else
            {
                Assert.True(status == 200, $"expected 200, got: {BotHttp.Shorten(response)}");
                Assert.Contains("\"kind\":\"answer\"", response);
            }
        }, iterations: 60, caseBudget: TimeSpan.FromSeconds(5));

        AssertNoServerFailures(mark);
    }

    /// <summary>
    /// Bug: a chunk size of 2^31 or more ("80000000") overflows Kestrel's chunk-size parser, which throws
    /// System.IO.IOException("Bad chunk size data"), not BadHttpRequestException. ActivityRequestReader.ReadAsync
    /// catches only the latter, so the IOException leaves the endpoint: the server answers 500 with an empty
    /// body and logs "An unhandled exception was thrown by the application" (top frames:
    /// Http1ChunkedEncodingMessageBody.CalculateChunkSize, .ParseChunkedPrefix, .Read, .PumpAsync).
    /// </summary>
    [Theory]
    [InlineData("80000000")]
    [InlineData("ffffffffffffffff")]
    [InlineData("ffffffffffffffffffff")]
    public async Task Bug_a_chunk_size_over_int_max_gets_a_400_not_a_500(string chunkSize)
    {
        var mark = fixture.Server.Logs.Count;

        var (status, response) = await SendRawAsync(Request("Transfer-Encoding: chunked\r\n", $"{chunkSize}\r\n{{}}\r\n0\r\n\r\n"), closeSending: false);

        Assert.True(status == 400, $"expected 400, got: {BotHttp.Shorten(response)}");
        Assert.Contains("\"error\"", response);
        AssertNoServerFailures(mark);
    }

    /// <summary>Bodies that are malformed or break off: a 4xx or a closed connection, never a 500, and the server keeps serving.</summary>
    [Theory]
    [InlineData("a malformed chunk size", "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n", false)]
    [InlineData("a chunk without its CRLF", "Transfer-Encoding: chunked\r\n", "2\r\n{}XX0\r\n\r\n", false)]
    [InlineData("a body shorter than its Content-Length", "Content-Length: 5000\r\n", "{\"type\":\"message\"}", true)]
    [InlineData("a chunked body that breaks off", "Transfer-Encoding: chunked\r\n", "200\r\n{\"type\":\"message\"", true)]
    public async Task A_broken_body_is_never_a_500_and_the_server_keeps_serving(string name, string headers, string body, bool closeSending)
    {
        var (status, response) = await SendRawAsync(Request(headers, body), closeSending);

        Assert.True(status is 400 or 0, $"{name}: expected 400 (or a closed connection), got: {BotHttp.Shorten(response)}");
        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("What are the risks of acupuncture?")));
        Assert.Equal("answer", reply.Kind());
    }
}
