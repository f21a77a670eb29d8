using System.Net;
using System.Text.Json;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Endpoint;

/// <summary>
/// A turn that throws (here: the unanswered log fails, which only the fallback step touches) ends with a
/// short apology carrying the disclaimer and how to reach the clinic, on every channel.
/// </summary>
public sealed class TurnFailureTests : IAsyncLifetime
{
    private const string Unanswerable = "Can you recommend a good pizza place near the station?";
    private BotServer _server = null!;
    private FakeConnector _connector = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _server = await BotServer.StartAsync(builder => builder.Services.AddSingleton<IUnansweredLog, FailingUnansweredLog>());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Messages_endpoint_posts_the_apology_and_answers_a_problem_body()
    {
        var message = EmulatorActivity.Message(Unanswerable, _connector.ServiceUrl);

        using var response = await _server.Client.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("TurnFailed", problem.GetProperty("code").GetString());
        Assert.Contains("apology", problem.GetProperty("detail").GetString());
        var apology = Assert.IsType<JsonElement>(Assert.Single(_connector.ReceivedFor(EmulatorActivity.ConversationIdOf(message))).Json);
        AssertApology(apology, EmulatorActivity.IdOf(message));
        Assert.Contains(_server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception is InvalidOperationException);
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains("pizza"));
    }

    [Fact]
    public async Task ExpectReplies_gets_the_apology_in_its_body()
    {
        var replies = await _server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(Unanswerable));

        AssertApology(Assert.Single(replies), replyToId: null);
    }

    [Fact]
    public async Task Direct_Line_appends_the_apology_so_the_typing_indicator_ends()
    {
        var client = new DirectLineClient(_server.Client);
        var conversation = await client.StartAsync();

        var posted = await client.SayAsync(conversation, Unanswerable);
        var (activities, _) = await client.ReadAsync(conversation, "1");

        Assert.Equal(2, activities.Count);
        AssertApology(activities[1], posted.GetProperty("id").GetString());
        // The conversation goes on.
        await client.SayAsync(conversation, "Does acupuncture hurt?");
        var (later, _) = await client.ReadAsync(conversation, "3");
        Assert.Contains(later, a => AcuBot.Tests.DirectLine.StreamReader.Text(a).Contains("slight pinch"));
    }

    private static void AssertApology(JsonElement reply, string? replyToId)
    {
        Assert.Equal("message", reply.GetProperty("type").GetString());
        Assert.Equal("turnFailed", reply.Kind());
        Assert.StartsWith("Sorry, something went wrong", reply.Text());
        Assert.Contains("call ", reply.Text()); // the clinic's phone number from appsettings.json
        reply.AssertCarriesDisclaimer();
        if (replyToId is not null) Assert.Equal(replyToId, reply.GetProperty("replyToId").GetString());
    }

    private sealed class FailingUnansweredLog : IUnansweredLog
    {
        public void Record(string question, double? bestConfidence) => throw new InvalidOperationException("The unanswered log is broken.");
        public IReadOnlyList<UnansweredSummary> Summarize(int max = 100, DateTimeOffset? since = null) => [];
        public int Purge() => 0;
    }
}
