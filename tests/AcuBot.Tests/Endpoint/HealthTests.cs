using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

[Collection(BotServerCollection.Name)]
public sealed class HealthTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Healthz_reports_ready_with_the_loaded_knowledge()
    {
        using var response = await fixture.Client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var health = await response.ReadJsonAsync();
        Assert.Equal("ready", health.Str("status"));
        Assert.Equal(2, health.GetProperty("documents").GetInt32()); // the article and its questions file; synonyms.txt is not a document
        Assert.True(health.GetProperty("sections").GetInt32() > 0, health.ToString());
        Assert.True(health.GetProperty("passages").GetInt32() > 0, health.ToString());
        Assert.True(health.GetProperty("passages").GetInt32() >= health.GetProperty("sections").GetInt32(), health.ToString());
        Assert.Equal("loaded", health.Str("sentenceModel"));
        Assert.Equal(0, health.GetProperty("heldBack").GetArrayLength());
    }

    [Fact]
    public async Task Many_new_passages_are_embedded_in_the_background_while_the_bot_already_answers()
    {
        await using var server = await BotServer.StartAsync("--Embeddings:BackgroundFrom=1", "--Embeddings:CacheFolder=");

        var answer = Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("How long do the needles stay in?")));
        Assert.Contains("20 to 30 minutes", answer.Text());
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? status = null;
        while (DateTime.UtcNow < deadline && status != "ready")
        {
            using var response = await server.Client.GetAsync("healthz");
            status = (await response.ReadJsonAsync()).Str("status");
            if (status != "ready") await Task.Delay(100);
        }

        Assert.Equal("ready", status);
        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith("Embedding ") && e.Message.Contains("in the background"));
        Assert.Contains(server.Logs.Entries, e => e.Message.StartsWith("Embedded ") && e.Message.Contains("retrieval by meaning"));
    }

    [Fact]
    public async Task Without_the_sentence_model_healthz_says_degraded_and_why_and_the_bot_answers()
    {
        await using var server = await BotServer.StartAsync("--Embeddings:Enabled=false");

        using var response = await server.Client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.ReadJsonAsync();
        Assert.Equal("degraded", health.Str("status"));
        Assert.Contains("Embeddings:Enabled", health.Str("sentenceModel"));
        Assert.Contains(server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("switched off"));
    }

    [Fact]
    public async Task The_server_does_not_announce_itself_and_unknown_paths_are_404()
    {
        using var health = await fixture.Client.GetAsync("healthz");
        Assert.False(health.Headers.Contains("Server"), "Kestrel's Server header is sent");

        using var missing = await fixture.Client.GetAsync("nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var getMessages = await fixture.Client.GetAsync(BotHttp.MessagesPath);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getMessages.StatusCode);
    }
}
