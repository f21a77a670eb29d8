using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// The published folder, as an operator would run it: from another working folder, on the port the
/// container conventions give (<c>ASPNETCORE_HTTP_PORTS</c>), with nothing from the repository around it.
/// </summary>
[Collection(PublishedFolderCollection.Name)]
public sealed class PublishedBotTests(PublishedFolder published) : IDisposable
{
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("acubot-elsewhere-");

    [Fact]
    public void The_published_folder_holds_the_clinics_settings_documents_and_the_compressed_widget()
    {
        Assert.True(File.Exists(Path.Combine(published.Output, "appsettings.json")), "no appsettings.json in the published folder");
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
            Assert.True(File.Exists(Path.Combine(published.Output, "knowledge", Path.GetFileName(file))), $"knowledge/{Path.GetFileName(file)} is not published");
        var bundle = Path.Combine(published.Output, "site", "webchat", "webchat.js");
        Assert.True(File.Exists(bundle));
        Assert.True(new FileInfo(bundle + ".br").Length is > 0 and var br && br < new FileInfo(bundle).Length / 3, "no Brotli bundle a third of the size");
        Assert.True(File.Exists(bundle + ".gz"));
    }

    [Fact]
    public async Task Started_from_another_folder_on_ASPNETCORE_HTTP_PORTS_it_answers_with_the_clinics_details()
    {
        var port = PublishedBot.FreePort();
        using var bot = PublishedBot.Start(published.Dll, _elsewhere.FullName, port,
            new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(), ["Telemetry__ConsoleFormat"] = "json" });
        await bot.WaitUntilReadyAsync();

        // An answer from the published documents...
        var answer = Assert.Single(await bot.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?")));
        Assert.Equal("answer", answer.Kind());
        Assert.Contains("slight pinch", answer.Text());
        answer.AssertCarriesDisclaimer();
        // ...and the clinic's own name and contact details from the published appsettings.json, not "Our clinic".
        var fallback = Assert.Single(await bot.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Do you sell gift vouchers for my aunt?")));
        Assert.Equal("fallback", fallback.Kind());
        Assert.Contains("555-0134", fallback.Text());
        // A first start in a fresh folder embeds the passages in the background ("degraded", answering lexically
        // meanwhile); once that is done the bot reports itself healthy. Which test of the collection starts first
        // decides whether the vectors are cached already, so the wait is needed either way.
        await bot.WaitUntilEmbeddedAsync();
        using var ready = await bot.Client.GetAsync("health/ready");
        var health = await ready.ReadJsonAsync();
        Assert.Equal("healthy", health.Str("status"));
        Assert.Equal(2, health.GetProperty("checks").GetProperty("knowledge").GetProperty("data").GetProperty("documents").GetInt32()); // the article and its questions

        // It listens where ASPNETCORE_HTTP_PORTS says, without Kestrel overriding it with a default of the bot's.
        Assert.DoesNotContain(bot.Output, line => line.Contains("Overriding", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(bot.Output, line => line.Contains("3978", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_contentRoot_it_runs_on_another_folders_settings_and_documents()
    {
        var clinic = Directory.CreateDirectory(Path.Combine(_elsewhere.FullName, "clinic"));
        Directory.CreateDirectory(Path.Combine(clinic.FullName, "knowledge"));
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
            File.Copy(file, Path.Combine(clinic.FullName, "knowledge", Path.GetFileName(file)));
        await File.WriteAllTextAsync(Path.Combine(clinic.FullName, "appsettings.json"), """
            { "Clinic": { "Name": "Lakeside Back Care", "Phone": "555-0199" } }
            """);
        var port = PublishedBot.FreePort();
        using var bot = PublishedBot.Start(published.Dll, _elsewhere.FullName, port, new Dictionary<string, string?>(),
            "--contentRoot", clinic.FullName, "--urls", $"http://127.0.0.1:{port}");
        await bot.WaitUntilReadyAsync();

        var fallback = Assert.Single(await bot.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Do you sell gift vouchers for my aunt?")));
        Assert.Contains("555-0199", fallback.Text());
        Assert.DoesNotContain("555-0134", fallback.Text());
        // What the bot writes goes beside the settings it runs on.
        Assert.True(File.Exists(Path.Combine(clinic.FullName, "data", "unanswered.db")));
    }

    [Fact]
    public async Task Logs_can_be_json_lines_with_event_ids_and_the_conversation_id_as_a_scope()
    {
        var port = PublishedBot.FreePort();
        using var bot = PublishedBot.Start(published.Dll, _elsewhere.FullName, port,
            new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() }, "--Telemetry:ConsoleFormat=json");
        await bot.WaitUntilReadyAsync();

        var conversation = "json-logs-" + Guid.NewGuid().ToString("N");
        var urgent = Assert.Single(await bot.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("I have crushing chest pain right now", conversationId: conversation)));
        Assert.Equal("urgent", urgent.Kind());

        // The red-flag warning (EventId 1001), logged inside the turn, carries the turn's ConversationId scope.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement? redFlag = null;
        while (redFlag is null && DateTime.UtcNow < deadline)
        {
            redFlag = bot.Output.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)
                .Cast<JsonElement?>().FirstOrDefault(e => e!.Value.GetProperty("EventId").GetInt32() == 1001);
            if (redFlag is null) await Task.Delay(100);
        }
        Assert.True(redFlag is not null, "no JSON log line with EventId 1001:\n" + string.Join("\n", bot.Output));
        var scopes = redFlag.Value.GetProperty("Scopes").EnumerateArray().ToArray();
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("ConversationId", out var id) && id.GetString() == conversation);
        Assert.Equal("Warning", redFlag.Value.GetProperty("LogLevel").GetString());
        // Every line is JSON: nothing of the simple format is left.
        Assert.All(bot.Output.Where(l => l.Length > 0), line => Assert.StartsWith("{", line));
    }

    [Fact]
    public async Task A_port_in_use_stops_the_bot_with_one_line_naming_urls_and_a_non_zero_exit_code()
    {
        var port = PublishedBot.FreePort();
        using var first = PublishedBot.Start(published.Dll, _elsewhere.FullName, port, new Dictionary<string, string?>(), "--urls", $"http://127.0.0.1:{port}");
        await first.WaitUntilReadyAsync();

        using var second = PublishedBot.Start(published.Dll, _elsewhere.FullName, port, new Dictionary<string, string?>(), "--urls", $"http://127.0.0.1:{port}");
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exitCode);
        var problem = Assert.Single(second.Output, line => line.StartsWith("AcuBot cannot start", StringComparison.Ordinal));
        Assert.Contains("--urls", problem);
        Assert.Contains($"127.0.0.1:{port}", problem);
        Assert.DoesNotContain(second.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Output, line => line.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mistyped_setting_stops_the_bot_with_a_message_naming_it()
    {
        using var bot = PublishedBot.Start(published.Dll, _elsewhere.FullName, PublishedBot.FreePort(), new Dictionary<string, string?>
        {
            ["Answers__ConfidenceTreshold"] = "0.4",
        });

        var exitCode = await bot.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        var problem = Assert.Single(bot.Output, line => line.StartsWith("AcuBot cannot start", StringComparison.Ordinal));
        Assert.Contains("Answers:ConfidenceTreshold", problem);
        Assert.Contains("Answers:ConfidenceThreshold", problem);
        Assert.DoesNotContain(bot.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    public void Dispose() => _elsewhere.Delete(recursive: true);
}
