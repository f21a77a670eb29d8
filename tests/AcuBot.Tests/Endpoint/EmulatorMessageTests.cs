using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>A message as the Bot Framework Emulator sends it, answered the Bot Connector way and the expectReplies way.</summary>
[Collection(BotServerCollection.Name)]
public sealed class EmulatorMessageTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Emulator_message_is_answered_by_one_POST_to_the_connector_addressed_back_to_the_user()
    {
        var incoming = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(incoming);
        var activityId = EmulatorActivity.IdOf(incoming);

        using var response = await fixture.Client.PostActivityAsync(incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(fixture.Connector.ReceivedFor(conversationId));
        Assert.Equal("POST", post.Method);
        // The Emulator's "...|livechat" conversation id is escaped in the URL and means the same id.
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", post.RawTarget);
        Assert.Equal(conversationId, post.ConversationId);
        Assert.Equal(activityId, post.ActivityId);
        Assert.StartsWith("application/json", post.ContentType);

        var reply = Assert.IsType<JsonElement>(post.Json);
        Assert.Equal("message", reply.Str("type"));
        AssertSameAccount(incoming["recipient"]!, reply.GetProperty("from"));
        AssertSameAccount(incoming["from"]!, reply.GetProperty("recipient"));
        Assert.Equal(activityId, reply.Str("replyToId"));
        Assert.Equal(conversationId, reply.GetProperty("conversation").Str("id"));
        Assert.Equal("emulator", reply.Str("channelId"));
        Assert.Equal("en-US", reply.Str("locale"));
        Assert.Equal("answer", reply.Kind());
        Assert.Contains("slight pinch", reply.Text());
        reply.AssertCarriesDisclaimer();

        var actions = reply.SuggestedActions();
        Assert.InRange(actions.Count, 1, 4); // MaxSuggestions (3) related sections + "Tell me more": see Answers_offer_one_to_MaxSuggestions_follow_ups
        Assert.All(actions, a =>
        {
            Assert.Equal("imBack", a.Str("type"));
            Assert.False(string.IsNullOrWhiteSpace(a.Str("title")));
            Assert.False(string.IsNullOrWhiteSpace(a.Str("value")));
        });
        // Suggestions are offered to the user who asked.
        Assert.Equal(incoming["from"]!["id"]!.GetValue<string>(), reply.GetProperty("suggestedActions").GetProperty("to")[0].GetString());
        // The typed parse of the same body agrees with the wire JSON.
        Assert.Equal(activityId, post.Activity?.ReplyToId);
    }

    [Fact]
    public async Task A_question_about_pain_from_needles_is_answered_with_the_slight_pinch_passage()
    {
        var incoming = EmulatorActivity.Message("Will it be painful when the needles go in?", fixture.Connector.ServiceUrl);

        using var response = await fixture.Client.PostActivityAsync(incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.IsType<JsonElement>(Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming))).Json);
        Assert.Contains("slight pinch", reply.Text());
        Assert.Equal("What to Expect During an Acupuncture Session", reply.Section());
        reply.AssertCarriesDisclaimer();
    }

    [Fact]
    public async Task ExpectReplies_returns_the_reply_in_the_body_and_posts_nothing_to_the_connector()
    {
        var incoming = EmulatorActivity.ExpectReplies("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        var conversationId = EmulatorActivity.ConversationIdOf(incoming);
        var sentBefore = fixture.Server.Outgoing.Sent.Count;

        var replies = await fixture.Client.ExpectRepliesAsync(incoming);

        var reply = Assert.Single(replies);
        Assert.Equal("message", reply.Str("type"));
        Assert.Equal(EmulatorActivity.IdOf(incoming), reply.Str("replyToId"));
        Assert.Equal(conversationId, reply.GetProperty("conversation").Str("id"));
        AssertSameAccount(incoming["recipient"]!, reply.GetProperty("from"));
        AssertSameAccount(incoming["from"]!, reply.GetProperty("recipient"));
        Assert.Equal("answer", reply.Kind());
        Assert.Contains("slight pinch", reply.Text());
        reply.AssertCarriesDisclaimer();
        Assert.NotEmpty(reply.SuggestedActions());

        Assert.Empty(fixture.Connector.ReceivedFor(conversationId));
        Assert.DoesNotContain(fixture.Server.Outgoing.Sent.Skip(sentBefore), s => s.Uri?.ToString().Contains(Uri.EscapeDataString(conversationId)) == true);
    }

    /// <summary>
    /// README: Answers:MaxSuggestions (3) related sections are offered as buttons "plus 'Tell me more'",
    /// so an answer has 1 to 4 imBack buttons, "Tell me more" first when present.
    /// </summary>
    [Fact]
    public async Task Answers_offer_one_to_MaxSuggestions_follow_ups()
    {
        foreach (var question in new[] { "Does acupuncture hurt?", "What are the risks of acupuncture?", "What happens during a session?" })
        {
            var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(question)));
            Assert.Equal("answer", reply.Kind());
            var actions = reply.SuggestedActions();
            var titles = actions.Select(a => a.Str("title")).ToArray();
            Assert.All(actions, a => Assert.Equal("imBack", a.Str("type")));
            Assert.Equal(titles.Length, titles.Distinct().Count());
            var related = titles.Where(t => t != "Tell me more").ToArray();
            Assert.True(related.Length is >= 1 and <= 3, $"'{question}' offered {related.Length} related sections: {string.Join(" | ", titles)}");
            Assert.True(titles.Length == related.Length || titles[0] == "Tell me more", $"'Tell me more' is not first: {string.Join(" | ", titles)}");
            Assert.DoesNotContain(reply.Section(), related); // the section just shown is not offered again
        }
    }

    [Fact]
    public async Task ExpectReplies_needs_no_serviceUrl()
    {
        var incoming = EmulatorActivity.ExpectReplies("What are the risks of acupuncture?");

        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(incoming));

        Assert.Equal("Understanding the Risks Associated with Acupuncture", reply.Section());
        Assert.Contains("Minor bleeding or bruising", reply.Text());
        reply.AssertCarriesDisclaimer();
    }

    private static void AssertSameAccount(System.Text.Json.Nodes.JsonNode expected, JsonElement actual)
    {
        Assert.Equal(expected["id"]!.GetValue<string>(), actual.Str("id"));
        Assert.Equal(expected["name"]!.GetValue<string>(), actual.Str("name"));
        Assert.Equal(expected["role"]!.GetValue<string>(), actual.Str("role"));
    }
}
