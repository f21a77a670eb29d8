using AcuBot.Bot.Turn;
using AcuBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Bot;

public class TurnPipelineTests
{
    [Fact]
    public void The_steps_run_in_the_declared_order_of_importance()
    {
        using var bot = new BotUnderTest();

        var steps = bot.Host.Services.GetRequiredService<TurnPipeline>().Steps.Select(s => s.Name);

        Assert.Equal(["input", "red-flags", "length", "small-talk", "no-knowledge", "follow-up", "curated", "search", "fallback"], steps);
    }

    [Fact]
    public async Task A_step_switched_off_by_name_is_skipped()
    {
        using var bot = new BotUnderTest(null, "--Turn:DisabledSteps:0=small-talk");

        var reply = await bot.AskAsync("hello");

        Assert.NotEqual("smallTalk", reply.Kind);
    }

    [Fact]
    public async Task The_red_flag_step_cannot_be_switched_off()
    {
        using var bot = new BotUnderTest(null, "--Turn:DisabledSteps:0=red-flags");

        var reply = await bot.AskAsync("I want to end my life");

        Assert.Equal("urgent", reply.Kind);
    }

    [Fact]
    public async Task A_message_too_long_to_read_that_describes_an_emergency_gets_urgent_guidance_not_a_length_complaint()
    {
        using var bot = new BotUnderTest();
        var essay = string.Concat(Enumerable.Repeat("I have had back pain for a long time and tried many things. ", 40));

        var urgent = await bot.AskAsync(essay + "Tonight I want to end my life.");
        var ordinary = await bot.AskAsync(essay);

        Assert.True(essay.Length > 1000);
        Assert.Equal("urgent", urgent.Kind);
        Assert.Equal("inputProblem", ordinary.Kind);
    }

    [Fact]
    public async Task The_red_flag_warning_names_the_rule_and_the_detector_never_the_patients_words()
    {
        var logs = new InMemoryLogs();
        using var bot = new BotUnderTest(null);
        var factory = bot.Host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        factory.AddProvider(logs);

        await bot.AskAsync("my grandma Edna took too many pills", "c-red");

        var warning = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.StartsWith("Red flag"));
        Assert.Contains("poisoning", warning.Message);
        Assert.Contains("rules", warning.Message);
        Assert.DoesNotContain("Edna", warning.Message);
        Assert.DoesNotContain("pills", warning.Message);
    }
}
