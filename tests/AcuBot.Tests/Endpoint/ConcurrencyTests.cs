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
    public async Task Twenty_concurrent_connector_deliveries_each_reach_their_own_conversation()
    {
        var incoming = Enumerable.Range(0, 20)
            .Select(i => EmulatorActivity.Message(Questions[i % Questions.Length].Question, fixture.Connector.ServiceUrl))
            .ToArray();

        var mark = fixture.Server.Logs.Count;
        var responses = await Task.WhenAll(incoming.Select(a => fixture.Client.PostActivityAsync(a)));

        var failed = responses.Where(r => r.StatusCode != System.Net.HttpStatusCode.OK).ToArray();
        Assert.True(failed.Length == 0,
            $"{failed.Length} of 20 answered {string.Join(", ", failed.Select(r => (int)r.StatusCode))}; server log: " +
            string.Join(" | ", fixture.Server.Logs.ServerFailuresSince(mark).Select(f => $"{f.Category}: {f.Message} {f.Exception}")));
        foreach (var response in responses) response.Dispose();
        for (var i = 0; i < incoming.Length; i++)
        {
            var post = Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming[i])));
            Assert.Equal(EmulatorActivity.IdOf(incoming[i]), post.ActivityId);
            Assert.Contains(Questions[i % Questions.Length].Phrase, post.Activity?.Text);
        }
    }
}
