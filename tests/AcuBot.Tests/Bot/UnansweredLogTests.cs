using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Bot;

public class UnansweredLogTests
{
    [Fact]
    public async Task Fallbacks_are_recorded_and_grouped_with_counts()
    {
        using var bot = new BotUnderTest();
        await bot.AskAsync("What are your opening hours?", "u1");
        await bot.AskAsync("what are your OPENING hours", "u2");
        await bot.AskAsync("Is my insurance accepted?", "u3");
        await bot.AskAsync("Does acupuncture hurt?", "u4"); // answered: not recorded

        var summaries = await WaitForAsync(bot, expectedGroups: 2);

        Assert.Equal(2, summaries.Count);
        Assert.Equal(2, summaries[0].Count);
        Assert.Contains(summaries[0].Question, new[] { "What are your opening hours?", "what are your OPENING hours" });
        Assert.Equal(1, summaries[1].Count);
        Assert.Equal("Is my insurance accepted?", summaries[1].Question);
        Assert.DoesNotContain(summaries, s => s.Question.Contains("hurt"));
    }

    [Fact]
    public async Task Recording_can_be_switched_off()
    {
        using var bot = new BotUnderTest(null, "--Unanswered:Enabled=false");
        await bot.AskAsync("What are your opening hours?");

        Assert.IsType<NoUnansweredLog>(bot.Host.Services.GetRequiredService<IUnansweredLog>());
    }

    [Fact]
    public async Task The_unanswered_command_lists_what_was_recorded()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-unanswered-").FullName;
        var database = Path.Combine(scratch, "log.db");
        try
        {
            using (var bot = new BotUnderTest(null, $"--Unanswered:DatabasePath={database}"))
            {
                await bot.AskAsync("Can I park at the clinic?");
            } // disposing the host flushes the queue

            var output = new StringWriter();
            var exitCode = await RunInRepositoryAsync(() => Cli.UnansweredCommand.RunAsync([$"--Unanswered:DatabasePath={database}"], output));

            Assert.Equal(0, exitCode);
            Assert.Contains("Can I park at the clinic?", output.ToString());
            Assert.Matches(@"\s+1\s+\d{4}-\d\d-\d\d", output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<UnansweredSummary>> WaitForAsync(BotUnderTest bot, int expectedGroups)
    {
        var log = bot.Host.Services.GetRequiredService<IUnansweredLog>();
        // Records are written by a background task; give it a moment.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var summaries = log.Summarize();
            if (summaries.Sum(s => s.Count) >= 3 && summaries.Count >= expectedGroups) return summaries;
            await Task.Delay(20);
        }
        return log.Summarize();
    }

    /// <summary>The CLI finds appsettings.json from the current folder, as it does when run from a clone.</summary>
    private static async Task<int> RunInRepositoryAsync(Func<Task<int>> command)
    {
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoPaths.Root);
        try { return await command(); }
        finally { Directory.SetCurrentDirectory(previous); }
    }
}
