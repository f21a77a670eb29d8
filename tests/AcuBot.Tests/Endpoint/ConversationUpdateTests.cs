using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>Users joining are welcomed once; the bot joining and other activity types get no reply.</summary>
[Collection(BotServerCollection.Name)]
public sealed class ConversationUpdateTests(BotServerFixture fixture)
{
    [Theory]
    [InlineData("user")]
    [InlineData("bot", "user")] // the Emulator announces both members in one update
    public async Task A_user_joining_is_welcomed_once_with_the_three_example_questions(params string[] added)
    {
        var update = EmulatorActivity.ConversationUpdate(fixture.Connector.ServiceUrl, added);
        var conversationId = EmulatorActivity.ConversationIdOf(update);

        using var response = await fixture.Client.PostActivityAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(fixture.Connector.ReceivedFor(conversationId));
        Assert.Equal(EmulatorActivity.IdOf(update), post.ActivityId);
        var welcome = Assert.IsType<JsonElement>(post.Json);
        Assert.Equal("message", welcome.Str("type"));
        Assert.Equal("welcome", welcome.Kind());
        Assert.Contains("Harbourside Acupuncture Clinic", welcome.Text()); // Clinic:Name from appsettings.json
        welcome.AssertCarriesDisclaimer();
        var actions = welcome.SuggestedActions();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal("imBack", a.Str("type")));
        Assert.Equal(RepoPaths.ExampleQuestions, actions.Select(a => a.Str("value")!).ToArray());
        Assert.All(actions, a => Assert.InRange(a.Str("title")!.Length, 1, AcuBot.Bot.ButtonLabel.MaxLength));
    }

    [Fact]
    public async Task A_user_joining_is_welcomed_with_expectReplies_too()
    {
        var update = EmulatorActivity.ConversationUpdate(null, "bot", "user");
        update["deliveryMode"] = "expectReplies";

        var welcome = Assert.Single(await fixture.Client.ExpectRepliesAsync(update));

        Assert.Equal("welcome", welcome.Kind());
        Assert.Equal(3, welcome.SuggestedActions().Count);
        welcome.AssertCarriesDisclaimer();
    }

    [Fact]
    public async Task Only_the_bot_joining_gets_no_reply()
    {
        var update = EmulatorActivity.ConversationUpdate(fixture.Connector.ServiceUrl, "bot");

        using var response = await fixture.Client.PostActivityAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(update)));
    }

    [Fact]
    public async Task Only_the_bot_joining_gets_no_reply_with_expectReplies()
    {
        var update = EmulatorActivity.ConversationUpdate(null, "bot");
        update["deliveryMode"] = "expectReplies";

        Assert.Empty(await fixture.Client.ExpectRepliesAsync(update));
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("event")]
    [InlineData("foo")]
    [InlineData("endOfConversation")]
    public async Task Other_activity_types_are_accepted_without_a_reply(string type)
    {
        var activity = EmulatorActivity.Message("Does acupuncture hurt?", fixture.Connector.ServiceUrl);
        activity["type"] = type;
        if (type == "event") activity["name"] = "webchat/join";

        using var response = await fixture.Client.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(activity)));
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("foo")]
    public async Task Other_activity_types_get_an_empty_reply_list_with_expectReplies(string type)
    {
        var activity = EmulatorActivity.ExpectReplies("Does acupuncture hurt?");
        activity["type"] = type;

        Assert.Empty(await fixture.Client.ExpectRepliesAsync(activity));
    }
}
