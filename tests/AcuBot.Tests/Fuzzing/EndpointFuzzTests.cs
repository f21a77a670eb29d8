using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcuBot.Tests.Support;
using CsCheck;

namespace AcuBot.Tests.Fuzzing;

/// <summary>
/// <c>POST /api/messages</c> on the real server, fed mutated and generated bodies: every request gets a
/// 2xx or a 4xx with the Bot Framework error body (a 502 only where the channel itself cannot take the
/// reply), never a 500, never a hang (each request has a deadline); every reply carries the disclaimer;
/// and the server logs no unhandled exception.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class EndpointFuzzTests(BotServerFixture fixture)
{
    private static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(5);

    internal sealed record Answer(HttpStatusCode Status, string? ContentType, string Body)
    {
        public override string ToString() => $"{(int)Status} {ContentType}: {BotHttp.Shorten(Body)}";
    }

    internal static async Task<Answer> PostAsync(HttpClient client, byte[] body, string? contentType)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var timeout = new CancellationTokenSource(RequestBudget);
        using var response = await client.PostAsync(BotHttp.MessagesPath, content, timeout.Token);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    /// <summary>
    /// What every answer must look like: a 4xx has the error body; a 200 with a body holds replies that all
    /// carry the disclaimer. Returns the replies (none for an empty 200 or an error).
    /// </summary>
    internal static IReadOnlyList<JsonElement> AssertWellFormed(Answer answer, params HttpStatusCode[] allowed)
    {
        Assert.True(allowed.Contains(answer.Status), $"unexpected {answer}");
        if ((int)answer.Status >= 400)
        {
            Assert.Equal("application/json", answer.ContentType);
            using var error = JsonDocument.Parse(answer.Body);
            Assert.False(string.IsNullOrWhiteSpace(error.RootElement.GetProperty("error").GetProperty("code").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(error.RootElement.GetProperty("error").GetProperty("message").GetString()));
            return [];
        }
        if (answer.Body.Length == 0) return [];
        using var document = JsonDocument.Parse(answer.Body);
        var replies = document.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone()).ToArray();
        foreach (var reply in replies)
        {
            Assert.Equal("message", reply.GetProperty("type").GetString());
            BotTurnFuzzTests.AssertEndsWithDisclaimer(reply.Text());
            Assert.Contains(reply.Kind(), BotTurnFuzzTests.Kinds);
        }
        return replies;
    }

    private void AssertNoServerFailures(int mark)
    {
        var failures = fixture.Server.Logs.ServerFailuresSince(mark);
        Assert.True(failures.Count == 0, "the server logged failures: " + string.Join(" | ", failures.Select(f => $"{f.Category}: {f.Message} {f.Exception?.GetType().Name}: {f.Exception?.Message}")));
    }

    // ---- mutated bodies ----

    /// <summary>Emulator activities with their random ids and times fixed, so that the same edits make the same bodies on every run.</summary>
    private string[] SeedBodies() =>
    [
        Pinned(EmulatorActivity.ExpectReplies("Does acupuncture hurt?")),
        Pinned(EmulatorActivity.Message("What are the risks of acupuncture?", fixture.Connector.ServiceUrl)),
        Pinned(EmulatorActivity.ConversationUpdate(fixture.Connector.ServiceUrl, "user", "bot")),
        """{"type":"message","text":"thanks!","deliveryMode":"expectReplies","attachments":[{"contentType":"image/png","contentUrl":"http://127.0.0.1/a.png"}],"entities":[{"type":"mention","text":"@bot"}],"channelData":{"a":[1,{"b":null}]},"value":{"k":"v"}}""",
    ];

    private static string Pinned(JsonObject activity)
    {
        activity["id"] = "4bd8b1b0-7d5e-4c8b-9f1a-2b3c4d5e6f70";
        activity["conversation"]!["id"] = "c0ffee00-1111-2222-3333-444455556666|livechat";
        if (activity["channelData"] is JsonObject channelData) channelData["clientActivityID"] = "17419443135891a2b3c";
        return activity.ToJsonString();
    }

    [Fact]
    public async Task Mutated_bodies_never_get_a_server_error()
    {
        var mark = fixture.Server.Logs.Count;
        var seeds = SeedBodies().Select(Encoding.UTF8.GetBytes).ToArray();

        await Fuzz.CheckAsync(Gen.Select(Gen.Int[0, seeds.Length - 1], Mutations.Array[1, 6]).Select((seed, edits) => Mutate(seeds[seed], edits)), async body =>
        {
            var answer = await PostAsync(fixture.Client, body, "application/json");
            // 502: a mutation changed the serviceUrl's port, and nothing listens there to take the reply.
            AssertWellFormed(answer, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.BadGateway);
        }, iterations: 250, caseBudget: RequestBudget, print: Fuzz.Printable);

        AssertNoServerFailures(mark);
    }

    private sealed record Mutation(int Kind, uint Position, int Length, byte Byte, int Token);

    private static readonly byte[][] Tokens =
    [
        .. new[] { "null", "[", "]", "{", "}", "\"", ",", ":", "1e999", "\\u0000", "\\ud800", "\\", "true", "\"expectReplies\"", "\"conversationUpdate\"", "\"type\":\"message\",", "\"\":\"\"", "[[[[[[[[", "💥" }
            .Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF], [0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x0D], [0x0A],
    ];

    private static readonly Gen<Mutation> Mutations = Gen.Select(Gen.Int[0, 6], Gen.UInt, Gen.Int[1, 24], Gen.Byte, Gen.Int[0, Tokens.Length - 1])
        .Select((kind, position, length, value, token) => new Mutation(kind, position, length, value, token));

    private static byte[] Mutate(byte[] seed, Mutation[]? edits)
    {
        var bytes = new List<byte>(seed);
        foreach (var edit in edits ?? [])
        {
            var at = bytes.Count == 0 ? 0 : (int)(edit.Position % (uint)bytes.Count);
            var length = Math.Min(edit.Length, bytes.Count - at);
            switch (edit.Kind)
            {
                case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << (edit.Byte % 8)); break;
                case 1: bytes.Insert(at, edit.Byte); break;
                case 2: bytes.RemoveRange(at, length); break;
                case 3: bytes.InsertRange(at, bytes.GetRange(at, length)); break;
                case 4: bytes.InsertRange(at, Tokens[edit.Token]); break;
                case 5: bytes.RemoveRange(at, length); bytes.InsertRange(at, Tokens[edit.Token]); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return bytes.ToArray();
    }

    // ---- generated activities, with what the endpoint must do with each ----

    internal sealed record GeneratedActivity(JsonObject Json, string Type, string? DeliveryMode, string? ConversationId, string? ServiceUrlKind, int Attachments, bool UserJoined)
    {
        public bool Answered => Type.Equals("message", StringComparison.OrdinalIgnoreCase) || Type.Equals("conversationUpdate", StringComparison.OrdinalIgnoreCase);
        public bool ExpectReplies => string.Equals(DeliveryMode, "expectReplies", StringComparison.OrdinalIgnoreCase);
        public bool IsMessage => Type.Equals("message", StringComparison.OrdinalIgnoreCase);

        public HttpStatusCode ExpectedStatus =>
            Attachments > 10 ? HttpStatusCode.BadRequest
            : Type.Equals("invoke", StringComparison.OrdinalIgnoreCase) ? HttpStatusCode.NotImplemented // no invoke is handled, as an SDK bot answers
            : !Answered || ExpectReplies ? HttpStatusCode.OK
            : string.IsNullOrWhiteSpace(ConversationId) || ServiceUrlKind is null ? HttpStatusCode.BadRequest
            : ServiceUrlKind != "connector" ? HttpStatusCode.Forbidden
            : HttpStatusCode.OK;

        /// <summary>How many replies the turn sends: one to a message, a welcome when a user joins, none otherwise.</summary>
        public int ExpectedReplies => ExpectedStatus != HttpStatusCode.OK ? 0 : IsMessage ? 1 : Answered && UserJoined ? 1 : 0;

        public override string ToString() => Json.ToJsonString();
    }

    private static readonly Gen<string> Ids = Gen.Frequency(
        (4, Gen.Guid.Select(g => g.ToString())),
        // Not "." or "..": see Bug_a_conversation_or_activity_id_of_dots_reaches_the_channel_intact. No NUL: the
        // channel (Kestrel, as the fake connector) refuses a URL with %00 in it, and the bot rightly answers 502.
        (2, MessageGen.Nasty(12).Where(s => s.Trim().Length > 0 && s.Trim() is not ("." or "..") && !s.Contains('\0'))),
        (1, Gen.OneOf("a/b", "a?b=c#d", "x|livechat", "%2F%2e%2e", "a b", "19:abc@thread.skype", "ü/日本", "~user", "-_.!*'()", "a%", "%zz", "..a", "a..", "...", "./..", "%2E%2E")));

    private GeneratedActivity Build(string type, string? text, string? deliveryMode, string? conversationId, string? serviceUrlKind, int attachments,
        string? userJoined, string id, string fromId, Dictionary<string, string> extras)
    {
        var json = new JsonObject { ["type"] = type, ["id"] = id, ["channelId"] = "fuzz", ["from"] = new JsonObject { ["id"] = fromId, ["name"] = "User" },
            ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "Bot" }, ["locale"] = "en-US" };
        if (text is not null) json["text"] = text;
        if (deliveryMode is not null) json["deliveryMode"] = deliveryMode;
        if (conversationId is not null) json["conversation"] = new JsonObject { ["id"] = conversationId };
        if (serviceUrlKind is not null)
            json["serviceUrl"] = serviceUrlKind switch
            {
                "connector" => fixture.Connector.ServiceUrl,
                "public" => "https://smba.trafficmanager.net/emea/",
                "private" => "http://10.0.0.1:3978/",
                "ftp" => "ftp://127.0.0.1/",
                "userinfo" => "http://user:pass@127.0.0.1:1/",
                _ => "not a url",
            };
        if (attachments > 0)
            json["attachments"] = new JsonArray(Enumerable.Range(0, attachments).Select(i => (JsonNode)new JsonObject { ["contentType"] = "text/plain", ["content"] = $"#{i}" }).ToArray());
        if (userJoined is not null)
            json["membersAdded"] = new JsonArray(new JsonObject { ["id"] = userJoined == "user" ? fromId : "bot" });
        foreach (var (key, value) in extras) json["x-" + key] = value;
        return new GeneratedActivity(json, type, deliveryMode, conversationId, serviceUrlKind, attachments, userJoined == "user");
    }

    private Gen<GeneratedActivity> Activities => Gen.Select(
            Gen.Frequency((8, Gen.Const("message")), (3, Gen.Const("conversationUpdate")), (1, Gen.OneOf("MESSAGE", "Message", "typing", "event", "invoke", "endOfConversation", "\u200Bmessage")), (1, MessageGen.Nasty(8).Where(t => t.Trim().Length > 0))),
            Gen.Frequency((6, MessageGen.AnyMessage.Select(t => (string?)t)), (1, Gen.Const((string?)null))),
            Gen.Frequency((4, Gen.Const((string?)"expectReplies")), (3, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("normal", "EXPECTREPLIES", "expectreplies", "expect Replies", ""))),
            Gen.Frequency((8, Ids.Select(i => (string?)i)), (1, Gen.OneOf<string?>(null, "", " ", "\t"))),
            Gen.Frequency((8, Gen.Const((string?)"connector")), (1, Gen.OneOf<string?>(null, "public", "private", "ftp", "userinfo", "garbage"))),
            Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 12])),
            Gen.Frequency((3, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("user", "bot"))),
            Gen.Select(Ids, Ids, Gen.Select(Gen.String.AlphaNumeric, MessageGen.Nasty(10)).Array[0, 3]))
        .Select((type, text, mode, conversation, serviceUrl, attachments, joined, ids) =>
            Build(type, text, mode, conversation, serviceUrl, attachments, joined, ids.Item1, ids.Item2,
                (ids.Item3 ?? []).GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.First().Item2)));

    /// <summary>
    /// Generated activities of every kind the schema allows, with nasty ids and texts: the status is the
    /// one the endpoint's rules give; each reply carries the disclaimer, whether it comes back in the body
    /// (expectReplies) or is POSTed to the channel, whose URL the conversation and activity ids reach intact.
    /// </summary>
    [Fact]
    public async Task Generated_activities_get_the_status_and_replies_the_rules_give()
    {
        var mark = fixture.Server.Logs.Count;
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Fuzz.CheckAsync(Activities, async generated =>
        {
            var id = generated.Json["id"]!.GetValue<string>();
            int PostsSoFar() => generated.ConversationId is null ? 0 : fixture.Connector.ReceivedFor(generated.ConversationId).Count(r => r.ActivityId == id);
            var before = PostsSoFar();

            var answer = await PostAsync(fixture.Client, Encoding.UTF8.GetBytes(generated.Json.ToJsonString()), "application/json");

            var replies = AssertWellFormed(answer, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotImplemented);
            Assert.Equal(generated.ExpectedStatus, answer.Status);
            outcomes.Add($"{(int)answer.Status}{(generated.ExpectReplies ? " in the body" : " posted")} {generated.ExpectedReplies}");
            if (answer.Status != HttpStatusCode.OK) return;
            if (generated.ExpectReplies)
            {
                Assert.Equal(generated.ExpectedReplies, replies.Count);
                return;
            }
            if (!generated.Answered) return;
            Assert.Equal(generated.ExpectedReplies, PostsSoFar() - before);
            var posted = fixture.Connector.ReceivedFor(generated.ConversationId!).Where(r => r.ActivityId == id).Skip(before).ToArray();
            foreach (var post in posted)
            {
                Assert.True(post.IsReplyPost, $"not a reply POST: {post.RawTarget}");
                BotTurnFuzzTests.AssertEndsWithDisclaimer(post.Activity!.Text!);
                Assert.Equal(generated.ConversationId, post.Activity.Conversation?.Id);
                Assert.Equal(id, post.Activity.ReplyToId);
            }
        }, iterations: 250, caseBudget: RequestBudget);

        AssertNoServerFailures(mark);
        // The activities reach every outcome: refusals, replies in the body and replies posted to the channel.
        if (Fuzz.Iterations(250) >= 250)
            Assert.Superset(new HashSet<string> { "400 posted 0", "403 posted 0", "200 in the body 1", "200 in the body 0", "200 posted 1", "200 posted 0" }, outcomes.ToHashSet());
    }

    /// <summary>
    /// Bug: a conversation id or activity id of "." or ".." does not reach the channel. <c>Uri.EscapeDataString</c>
    /// leaves dots alone and <c>new Uri(base, path)</c> resolves the id as a dot segment: the reply for
    /// conversation ".." goes to <c>/v3/activities/{id}</c>, the channel refuses it, and the bot answers 502.
    /// Escaping the dots as "%2E" (ConnectorClient.Segment, commit 38012e0) does not help: System.Uri decodes
    /// %2E and still removes the segment (<c>new Uri("http://h/v3/conversations/%2E%2E/activities/1").PathAndQuery</c>
    /// is "/v3/activities/1"). A Uri built with <c>UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }</c>,
    /// or refusing such ids with 400, would.
    /// </summary>
    [Theory]
    [InlineData("..", "1")]
    [InlineData(".", "1")]
    [InlineData("c1", "..")]
    [InlineData("..", ".")]
    [InlineData("...", "%2E%2E")]
    public async Task Bug_a_conversation_or_activity_id_of_dots_reaches_the_channel_intact(string conversationId, string activityId)
    {
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl, conversationId);
        incoming["id"] = activityId;

        var before = fixture.Connector.ReceivedFor(conversationId).Count(r => r.ActivityId == activityId);

        var answer = await PostAsync(fixture.Client, Encoding.UTF8.GetBytes(incoming.ToJsonString()), "application/json");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var posts = fixture.Connector.ReceivedFor(conversationId).Where(r => r.ActivityId == activityId).ToArray();
        Assert.Equal(before + 1, posts.Length);
        Assert.True(posts[^1].IsReplyPost, posts[^1].RawTarget);
        BotTurnFuzzTests.AssertEndsWithDisclaimer(posts[^1].Activity!.Text!);
    }

    // ---- content types ----

    [Fact]
    public async Task Any_content_type_gets_415_or_an_answer()
    {
        var mark = fixture.Server.Logs.Count;
        var body = Encoding.UTF8.GetBytes(EmulatorActivity.ExpectReplies("Does acupuncture hurt?").ToJsonString());

        await Fuzz.CheckAsync(Gen.Frequency(
            (3, Gen.OneOf("application/json", "application/json; charset=utf-8", "Application/JSON", "application/ld+json", "application/vnd.activity+json; v=3",
                "text/json", "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "*/*", "application/", ";", "a/b/c",
                "text/plain; x=+json", "application/jsonx", "application/+json")),
            (1, MessageGen.Nasty(20).Select(s => new string(s.Where(c => c is >= ' ' and < '\u007F').ToArray())))), async contentType =>
        {
            var answer = await PostAsync(fixture.Client, body, contentType);
            // application/json or application/<x>+json, as System.Net.Http parses it (issue 11: "text/plain; x=+json" is not JSON).
            var json = System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
                       System.Text.RegularExpressions.Regex.IsMatch(parsed.MediaType ?? "", @"^application/(json|[^/+\s]+\+json)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            AssertWellFormed(answer, json ? HttpStatusCode.OK : HttpStatusCode.UnsupportedMediaType);
        }, iterations: 60, caseBudget: RequestBudget, print: Fuzz.Literal);

        AssertNoServerFailures(mark);
    }
}
