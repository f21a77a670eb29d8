using System.Net;
using System.Text.Json;
using AcuBot.Tests.Knowledge;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Health;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c>, the ASP.NET Core health checks: each part the bot needs is
/// a check, and a degraded one says what and why (a held-back knowledge file, the model, the stores).
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class HealthCheckTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Ready_lists_knowledge_model_and_stores_as_healthy_on_a_whole_bot()
    {
        using var response = await fixture.Client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var health = await response.ReadJsonAsync();
        Assert.Equal("healthy", health.Str("status"));
        var checks = health.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("knowledge").Str("status"));
        Assert.True(checks.GetProperty("knowledge").GetProperty("data").GetProperty("passages").GetInt32() > 0);
        Assert.Equal("healthy", checks.GetProperty("sentenceModel").Str("status"));
        Assert.Equal("healthy", checks.GetProperty("stores").Str("status"));
    }

    [Fact]
    public async Task Live_runs_no_check_and_answers_as_long_as_the_process_does()
    {
        using var response = await fixture.Client.GetAsync("health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.ReadJsonAsync();
        Assert.Equal("healthy", health.Str("status"));
        Assert.Empty(health.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task A_held_back_reload_makes_ready_degraded_naming_the_file_and_why_while_live_stays_healthy()
    {
        await using var bot = await EditedKnowledgeBot.StartAsync(TimeSpan.FromMinutes(10), ("prices.faq.md", """
            ## How much does a first visit cost?
            Also asked: What are your prices? | price of a session

            A first visit costs $90 and takes about an hour.
            """));
        var mark = bot.Server.Logs.Count;

        // The clinic's edit is broken (not text): the bot keeps the last good version and must say so.
        await File.WriteAllBytesAsync(bot.PathOf("prices.faq.md"), [0x50, 0x00, 0x4B, 0x03, 0x04, 0x00, 0xFF]);
        await bot.WaitForReloadAsync(mark);

        using var ready = await bot.Server.Client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // degraded still serves patients
        var health = await ready.ReadJsonAsync();
        Assert.Equal("degraded", health.Str("status"));
        var knowledge = health.GetProperty("checks").GetProperty("knowledge");
        Assert.Equal("degraded", knowledge.Str("status"));
        Assert.Contains("prices.faq.md", knowledge.Str("description"));
        var heldBack = Assert.Single(knowledge.GetProperty("data").GetProperty("heldBack").EnumerateArray());
        Assert.Equal("prices.faq.md", heldBack.Str("file"));
        Assert.False(string.IsNullOrWhiteSpace(heldBack.Str("reason")));

        using var live = await bot.Server.Client.GetAsync("health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("healthy", (await live.ReadJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task Without_the_sentence_model_ready_is_degraded_and_says_why()
    {
        await using var server = await BotServer.StartAsync("--Embeddings:Enabled=false");

        var health = await (await server.Client.GetAsync("health/ready")).ReadJsonAsync();

        Assert.Equal("degraded", health.Str("status"));
        var model = health.GetProperty("checks").GetProperty("sentenceModel");
        Assert.Equal("degraded", model.Str("status"));
        Assert.Contains("Embeddings:Enabled", model.Str("description"));
    }

    [Fact]
    public async Task An_empty_knowledge_folder_is_degraded_naming_the_folder()
    {
        var empty = Directory.CreateTempSubdirectory("acubot-empty-knowledge-");
        try
        {
            await using var server = await BotServer.StartAsync($"--Knowledge:Folder={empty.FullName}");

            var knowledge = (await (await server.Client.GetAsync("health/ready")).ReadJsonAsync()).GetProperty("checks").GetProperty("knowledge");

            Assert.Equal("degraded", knowledge.Str("status"));
            Assert.Contains(empty.FullName, knowledge.Str("description"));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unreadable_unanswered_log_makes_the_stores_check_degraded()
    {
        await using var server = await BotServer.StartAsync();
        var database = Assert.IsType<string>(
            JsonDocument.Parse(await server.Client.GetStringAsync("health/ready")).RootElement
                .GetProperty("checks").GetProperty("stores").GetProperty("data").GetProperty("unansweredDatabase").GetString());

        // The file went away and something else took its place (a volume unmounted, a cleanup gone wrong).
        foreach (var file in new[] { database, database + "-wal", database + "-shm" }) File.Delete(file);
        Directory.CreateDirectory(database);

        var stores = (await (await server.Client.GetAsync("health/ready")).ReadJsonAsync()).GetProperty("checks").GetProperty("stores");
        Assert.Equal("degraded", stores.Str("status"));
        Assert.Contains(database, stores.Str("description"));
    }

    [Fact]
    public async Task Healthz_keeps_its_fast_answer_beside_the_health_checks()
    {
        using var response = await fixture.Client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.ReadJsonAsync();
        Assert.Equal("ready", health.Str("status"));
        Assert.False(health.TryGetProperty("checks", out _));
    }
}
