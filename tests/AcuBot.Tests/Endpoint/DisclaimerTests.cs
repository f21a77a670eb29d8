using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>
/// Every reply the bot sends, whatever kind, ends with the clinic's disclaimer, on both delivery paths.
/// The first column is the expected channelData.kind ("" when any kind will do).
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class DisclaimerTests(BotServerFixture fixture)
{
    public static TheoryData<string, string?> Messages() => new()
    {
        { "answer", "Does acupuncture hurt?" },
        { "answer", "What are the risks of acupuncture?" },
        { "answer", "What happens during a session?" },
        { "fallback", "What is the capital of France?" },
        { "fallback", "Who won the football last night?" },
        { "urgent", "my back hurts and I've gone numb around my bottom and between my legs" },
        { "", "hello" }, // small talk; any kind, but still the disclaimer
        { "", "thanks" },
        { "inputProblem", null },
        { "inputProblem", "" },
        { "inputProblem", new string('a', 10_000) },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Every_reply_posted_to_the_connector_carries_the_disclaimer(string kind, string? text)
    {
        var incoming = EmulatorActivity.Message(text, fixture.Connector.ServiceUrl);

        using var response = await fixture.Client.PostActivityAsync(incoming);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.IsType<JsonElement>(Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(incoming))).Json);
        if (kind.Length > 0) Assert.Equal(kind, reply.Kind());
        reply.AssertCarriesDisclaimer();
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Every_expectReplies_reply_carries_the_disclaimer(string kind, string? text)
    {
        var replies = await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(text));

        var reply = Assert.Single(replies);
        if (kind.Length > 0) Assert.Equal(kind, reply.Kind());
        reply.AssertCarriesDisclaimer();
    }

    [Fact]
    public async Task The_fallback_is_honest_and_gives_the_clinic_contact()
    {
        var reply = Assert.Single(await fixture.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("What is the capital of France?")));

        Assert.Equal("fallback", reply.Kind());
        Assert.Contains("couldn't find an answer", reply.Text());
        Assert.Contains("555-0134", reply.Text()); // Clinic:Phone from appsettings.json
        Assert.DoesNotContain("Paris", reply.Text());
        reply.AssertCarriesDisclaimer();
        // Each button sends the example question, under a label short enough for a phone.
        Assert.Equal(RepoPaths.ExampleQuestions, reply.SuggestedActions().Select(a => a.Str("value")!).ToArray());
        Assert.All(reply.SuggestedActions(), a => Assert.InRange(a.Str("title")!.Length, 1, AcuBot.Bot.ButtonLabel.MaxLength));
    }

    [Fact]
    public async Task The_welcome_carries_the_disclaimer()
    {
        var update = EmulatorActivity.ConversationUpdate(fixture.Connector.ServiceUrl, "bot", "user");

        using var response = await fixture.Client.PostActivityAsync(update);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.IsType<JsonElement>(Assert.Single(fixture.Connector.ReceivedFor(EmulatorActivity.ConversationIdOf(update))).Json);
        Assert.Equal("welcome", welcome.Kind());
        welcome.AssertCarriesDisclaimer();
    }
}
