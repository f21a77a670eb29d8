using System.Net;
using System.Text.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Knowledge;

/// <summary>
/// The real bot answering from a scratch copy of the repository's knowledge folder, for tests that edit
/// the files while it runs: asking, reading <c>/healthz</c>, and waiting for a reload to show.
/// </summary>
public sealed class EditedKnowledgeBot : IAsyncDisposable
{
    private EditedKnowledgeBot(string folder, BotServer server)
    {
        Folder = folder;
        Server = server;
    }

    public string Folder { get; }

    public BotServer Server { get; }

    public string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    /// <param name="holdBackFor">How long a vanished or sharply shrunk file is held back (Knowledge:HoldBackFor).</param>
    /// <param name="files">Files to add to the copy before the bot starts: name and content.</param>
    public static async Task<EditedKnowledgeBot> StartAsync(TimeSpan holdBackFor, params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("acubot-edited-").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
            File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        foreach (var (name, text) in files)
            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, name), text);
        var server = await BotServer.StartAsync($"--Knowledge:Folder={folder}", "--Knowledge:ReloadDelay=00:00:00.200",
            $"--Knowledge:HoldBackFor={holdBackFor:c}");
        return new EditedKnowledgeBot(folder, server);
    }

    public async Task<string> AskAsync(string question)
    {
        using var response = await Server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies(question, conversationId: "editor"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("activities")[0].GetProperty("text").GetString()!;
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var response = await Server.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>The held-back files /healthz lists, as file name and reason.</summary>
    public async Task<IReadOnlyList<(string File, string Reason)>> HeldBackAsync()
    {
        var health = await HealthAsync();
        if (!health.TryGetProperty("heldBack", out var heldBack)) return [];
        return heldBack.EnumerateArray().Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("reason").GetString()!)).ToArray();
    }

    /// <summary>Waits until the bot has reloaded the knowledge (since <paramref name="mark"/>, a count of <see cref="BotServer.Logs"/>).</summary>
    public Task WaitForReloadAsync(int mark) =>
        WaitUntilAsync(() => Task.FromResult(Server.Logs.Since(mark).Any(e => e.Message.StartsWith("Reloaded the knowledge"))),
            () => "The knowledge was not reloaded.");

    public Task WaitForAnswerAsync(string question, Func<string, bool> expected)
    {
        var last = "";
        return WaitUntilAsync(async () => expected(last = await AskAsync(question)), () => $"Last answer: {last}");
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> describe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The knowledge did not change as expected in 15 s. {describe()}\nLogs: " +
                    string.Join("\n", Server.Logs.Entries.Where(e => !e.Message.StartsWith("Answered")).Select(e => e.Message)));
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
