using System.Text.Json;
using AcuBot.Bot;
using AcuBot.Cli;
using AcuBot.Protocol.Schema;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Bot;

/// <summary>
/// The bot's turn without HTTP, as the CLI commands run it: the repository's appsettings.json and
/// knowledge (or a folder of the test's), the unanswered log in a temporary database.
/// </summary>
public sealed class BotUnderTest : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("acubot-turn-").FullName;

    public BotUnderTest(string? knowledgeFolder = null, params string[] settings)
    {
        Host = new CliHost(
        [
            $"--Knowledge:Folder={knowledgeFolder ?? RepoPaths.Knowledge}",
            $"--Unanswered:DatabasePath={Path.Combine(_scratch, "unanswered.db")}",
            .. settings,
        ], RepoPaths.Root);
    }

    public CliHost Host { get; }

    /// <summary>Sends one message in <paramref name="conversation"/> and returns the single reply.</summary>
    public async Task<Reply> AskAsync(string text, string conversation = "test")
    {
        var replies = await Host.AskAsync(text, conversation);
        return new Reply(Assert.Single(replies));
    }

    public void Dispose()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A reply Activity with its channelData read.</summary>
public sealed record Reply(Activity Activity)
{
    private ReplyMetadata Metadata => Activity.ChannelData!.Value.Deserialize(BotJsonContext.Default.ReplyMetadata)!;

    public string Kind => Metadata.Kind;
    public string? Section => Metadata.Section;
    public string Text => Activity.Text ?? "";
    /// <summary>What each suggested button sends when pressed.</summary>
    public IReadOnlyList<string> Suggestions => Activity.SuggestedActions?.Actions.Select(a => a.Value!.Value.GetString()!).ToArray() ?? [];

    /// <summary>What each suggested button shows.</summary>
    public IReadOnlyList<string> SuggestionLabels => Activity.SuggestedActions?.Actions.Select(a => a.Title!).ToArray() ?? [];
}
