using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Knowledge;

/// <summary>Editing the knowledge folder of a running bot: reloads in the background, no request fails, broken edits are refused.</summary>
public class HotReloadTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("acubot-reload-").FullName;
    private BotServer _server = null!;

    private string FaqFile => Path.Combine(_folder, "clinic.faq.md");

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        _server = await BotServer.StartAsync($"--Knowledge:Folder={_folder}", "--Knowledge:ReloadDelay=00:00:00.200", "--Knowledge:HoldBackFor=00:00:01");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Edits_reload_in_the_background_while_every_request_succeeds()
    {
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var answered = 0;
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, kind, text) = await AskAsync("Does acupuncture hurt?", $"load-{worker}");
                if (status != HttpStatusCode.OK || kind != "answer" || !text.Contains("slight pinch"))
                    lock (failures) failures.Add($"{status} {kind} {text}");
                Interlocked.Increment(ref answered);
            }
        })).ToArray();

        // A new file is picked up.
        await File.WriteAllTextAsync(FaqFile, Faq("Free parking behind the building."));
        await WaitForAnswerAsync("Is there parking at the clinic?", text => text.Contains("Free parking behind the building"));

        // An edit is picked up.
        await File.WriteAllTextAsync(FaqFile, Faq("Parking is on Harbour Road, two minutes away."));
        await WaitForAnswerAsync("Is there parking at the clinic?", text => text.Contains("Harbour Road"));

        // A broken edit (the file is no longer text) keeps the last good knowledge, and says why.
        var logMark = _server.Logs.Count;
        await File.WriteAllBytesAsync(FaqFile, [0x50, 0x00, 0x4B, 0x03, 0x04, 0x00, 0xFF]);
        await WaitUntilAsync(() => _server.Logs.Since(logMark).Any(e => e.Message.Contains("clinic.faq.md is held back")));
        Assert.Contains("Harbour Road", (await AskAsync("Is there parking at the clinic?", "reader")).Text);

        // A removed file is dropped, once it has stayed removed for Knowledge:HoldBackFor.
        File.Delete(FaqFile);
        await WaitForAnswerAsync("Is there parking at the clinic?", text => text.Contains("couldn't find an answer"));

        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.Empty(failures);
        Assert.True(answered > 20, $"only {answered} requests ran during the reloads");
    }

    private static string Faq(string answer) => $"""
        ## Is there parking at the clinic?
        Also asked: where can I park | parking

        {answer}
        """;

    private async Task<(HttpStatusCode Status, string? Kind, string Text)> AskAsync(string text, string conversation)
    {
        using var response = await _server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies(text, conversationId: conversation));
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, null, await response.Content.ReadAsStringAsync());
        var reply = (await response.ReadJsonAsync()).GetProperty("activities")[0];
        return (response.StatusCode, reply.GetProperty("channelData").GetProperty("kind").GetString(), reply.GetProperty("text").GetString()!);
    }

    private async Task WaitForAnswerAsync(string question, Func<string, bool> expected)
    {
        string last = "";
        await WaitUntilAsync(async () => expected(last = (await AskAsync(question, "reader")).Text),
            () => $"Last answer: {last}\nLogs: {string.Join("\n", _server.Logs.Entries.Where(e => !e.Message.StartsWith("Answered")).Select(e => e.Message))}");
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()), () => "");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The knowledge was not reloaded in time. " + describe());
            await Task.Delay(100);
        }
    }
}
