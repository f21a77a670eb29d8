using System.Net;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>Many patients at once: each gets the right answer to their own question, in their own conversation.</summary>
[Collection(BotServerCollection.Name)]
public sealed class ConcurrencyTests(BotServerFixture fixture)
{
    private static readonly (string Question, string Kind, string? Section, string Phrase)[] Questions =
    [
        ("Does acupuncture hurt?", "answer", "What to Expect During an Acupuncture Session", "slight pinch"),
        ("Will it be painful when the needles go in?", "answer", "What to Expect During an Acupuncture Session", "slight pinch"),
        ("What are the risks of acupuncture?", "answer", "Understanding the Risks Associated with Acupuncture", "Minor bleeding or bruising"),
        ("How long do the needles stay in?", "answer", "What to Expect During an Acupuncture Session", "20 to 30 minutes"),
        ("Can acupuncture help with back pain?", "answer", "Benefits of Acupuncture for Back Pain", "endorphins"),
        ("What is the capital of France?", "fallback", null, "couldn't find an answer"),
    ];

    [Fact]
    public async Task Twenty_concurrent_expectReplies_requests_all_get_their_own_correct_answer()
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 20).Select(async i =>
        {
            var (question, kind, section, phrase) = Questions[i % Questions.Length];
            var incoming = EmulatorActivity.ExpectReplies(question);
            await start.WaitAsync();
            var replies = await fixture.Client.ExpectRepliesAsync(incoming);
            return (Incoming: incoming, Replies: replies, Kind: kind, Section: section, Phrase: phrase);
        }).ToArray();
        start.Release(requests.Length);

        var results = await Task.WhenAll(requests);

        Assert.All(results, r =>
        {
            var reply = Assert.Single(r.Replies);
            Assert.Equal(EmulatorActivity.IdOf(r.Incoming), reply.Str("replyToId"));
            Assert.Equal(EmulatorActivity.ConversationIdOf(r.Incoming), reply.GetProperty("conversation").Str("id"));
            Assert.Equal(r.Kind, reply.Kind());
            Assert.Equal(r.Section, reply.Section());
            Assert.Contains(r.Phrase, reply.Text());
            reply.AssertCarriesDisclaimer();
        });
    }

    [Fact]
    public async Task Twenty_concurrent_connector_deliveries_each_reach_their_own_conversation_with_the_right_answer()
    {
        var incoming = Enumerable.Range(0, 20)
            .Select(i => EmulatorActivity.Message(Questions[i % Questions.Length].Question, fixture.Connector.ServiceUrl))
            .ToArray();

        var mark = fixture.Server.Logs.Count;
        var responses = await Task.WhenAll(incoming.Select(a => fixture.Client.PostActivityAsync(a)));

        var failed = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToArray();
        Assert.True(failed.Length == 0,
            $"{failed.Length} of 20 answered {string.Join(", ", failed.Select(r => (int)r.StatusCode))}; server log: " +
            string.Join(" | ", fixture.Server.Logs.ServerFailuresSince(mark).Select(f => $"{f.Category}: {f.Message} {f.Exception?.GetType().Name}")));
        foreach (var response in responses) response.Dispose();
        for (var i = 0; i < incoming.Length; i++)
        {
            var post = Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming[i])));
            Assert.Equal(EmulatorActivity.IdOf(incoming[i]), post.ActivityId);
            Assert.Contains(Questions[i % Questions.Length].Phrase, post.Activity?.Text);
        }
    }

    /// <summary>
    /// Regression for a race found while writing these tests: KnowledgeIndex shared one Lucene
    /// NumericDocValues between concurrent searches, so under load a hit was mapped to the wrong passage
    /// or threw ArgumentOutOfRangeException (HTTP 500). 20 requests caught it about one run in ten; this
    /// load (up to 4,000 requests, stopping at the first problem) caught it every time.
    /// </summary>
    [Fact]
    public async Task Concurrent_load_never_gives_a_wrong_answer_or_a_500()
    {
        var mark = fixture.Server.Logs.Count;
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (var round = 0; round < 100 && problems.IsEmpty; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                var (question, _, section, _) = Questions[i % Questions.Length];
                using var response = await fixture.Client.PostActivityAsync(EmulatorActivity.ExpectReplies(question));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Enqueue($"'{question}' -> {(int)response.StatusCode}");
                    return;
                }
                var reply = (await response.ReadJsonAsync()).GetProperty("activities")[0];
                if (reply.Section() != section) problems.Enqueue($"'{question}' answered from '{reply.Section()}', expected '{section}'");
            }));
        }

        Assert.True(problems.IsEmpty, string.Join("; ", problems) + " | server log: " +
            string.Join(" | ", fixture.Server.Logs.ServerFailuresSince(mark).Take(3).Select(f => $"{f.Message} {f.Exception?.GetType().Name}: {f.Exception?.Message}")));
    }

    /// <summary>Messages answered before any search (input problems, red flags, small talk), so the search race above cannot touch them.</summary>
    private static readonly (string Text, string Kind)[] NoSearch =
    [
        ("", "inputProblem"),
        (new string('a', 2000), "inputProblem"),
        ("my back hurts and I've gone numb around my bottom and between my legs", "urgent"),
        ("hello", "smallTalk"),
        ("thanks", "smallTalk"),
    ];

    /// <summary>
    /// The HTTP side of concurrency, without the search: every request gets exactly its own reply
    /// (replyToId, conversation, recipient, kind), with the disclaimer, delivered to its own URL.
    /// </summary>
    [Fact]
    public async Task Twenty_concurrent_requests_each_get_exactly_their_own_reply()
    {
        var expectReplies = Enumerable.Range(0, 10).Select(i => EmulatorActivity.ExpectReplies(NoSearch[i % NoSearch.Length].Text)).ToArray();
        var delivered = Enumerable.Range(0, 10).Select(i => EmulatorActivity.Message(NoSearch[i % NoSearch.Length].Text, fixture.Connector.ServiceUrl)).ToArray();
        foreach (var (activity, i) in expectReplies.Concat(delivered).Select((a, i) => (a, i)))
            activity["from"]!["id"] = $"user-{i}";

        var allReplies = Task.WhenAll(expectReplies.Select(a => fixture.Client.ExpectRepliesAsync(a)));
        var allPosts = Task.WhenAll(delivered.Select(a => fixture.Client.PostActivityAsync(a)));
        var replies = await allReplies;
        var responses = await allPosts;

        for (var i = 0; i < expectReplies.Length; i++)
        {
            var reply = Assert.Single(replies[i]);
            Assert.Equal(EmulatorActivity.IdOf(expectReplies[i]), reply.Str("replyToId"));
            Assert.Equal(EmulatorActivity.ConversationIdOf(expectReplies[i]), reply.GetProperty("conversation").Str("id"));
            Assert.Equal(expectReplies[i]["from"]!["id"]!.GetValue<string>(), reply.GetProperty("recipient").Str("id"));
            Assert.Equal(NoSearch[i % NoSearch.Length].Kind, reply.Kind());
            reply.AssertCarriesDisclaimer();
        }
        for (var i = 0; i < delivered.Length; i++)
        {
            using var response = responses[i];
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var post = Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(delivered[i])));
            Assert.Equal(EmulatorActivity.IdOf(delivered[i]), post.ActivityId);
            var reply = Assert.IsType<System.Text.Json.JsonElement>(post.Json);
            Assert.Equal(EmulatorActivity.IdOf(delivered[i]), reply.Str("replyToId"));
            Assert.Equal(delivered[i]["from"]!["id"]!.GetValue<string>(), reply.GetProperty("recipient").Str("id"));
            Assert.Equal(NoSearch[i % NoSearch.Length].Kind, reply.Kind());
            reply.AssertCarriesDisclaimer();
        }
    }
}
