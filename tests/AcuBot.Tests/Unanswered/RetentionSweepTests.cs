using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Unanswered;

/// <summary>The retention both unanswered-question stores use: at start, then at every hourly check, and never with 0 days.</summary>
public class RetentionSweepTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryLogs _logs = new();
    private readonly ManualTimerClock _clock = new(Start);

    private ILogger Logger => _logs.CreateLogger("retention");

    [Fact]
    public void Questions_past_the_retention_are_deleted_at_start_and_at_every_check()
    {
        var cutoffs = new List<DateTimeOffset>();
        var sweep = new RetentionSweep(90, _clock, cutoff => { cutoffs.Add(cutoff); return 2; }, _ => false, Logger);

        Assert.Equal([Start.AddDays(-90)], cutoffs);
        var timer = Assert.Single(_clock.Timers);
        Assert.Equal(RetentionSweep.CheckInterval, timer.Period);
        Assert.Equal(TimeSpan.FromHours(1), timer.Period);

        _clock.Now = Start.AddHours(1);
        _clock.Fire();
        Assert.Equal([Start.AddDays(-90), Start.AddHours(1).AddDays(-90)], cutoffs);
        Assert.Equal(2, _logs.Entries.Count(e => e.EventId.Id == 5004 && e.Message == "Deleted 2 unanswered questions older than 90 days"));

        sweep.Dispose();
        Assert.Empty(_clock.Timers); // the closed store is left alone
    }

    [Fact]
    public void Nothing_deleted_is_nothing_said()
    {
        using var sweep = new RetentionSweep(90, _clock, _ => 0, _ => false, Logger);

        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == 5004);
    }

    [Fact]
    public void Zero_days_keeps_every_question_and_sets_no_timer()
    {
        var calls = 0;
        using var sweep = new RetentionSweep(0, _clock, _ => ++calls, _ => false, Logger);

        Assert.Equal(0, calls);
        Assert.Empty(_clock.Timers);
    }

    [Fact]
    public void A_store_failure_is_logged_not_thrown_and_the_next_check_tries_again()
    {
        var calls = 0;
        using var sweep = new RetentionSweep(30, _clock, _ =>
        {
            if (++calls == 1) throw new IOException("disk gone");
            return 1;
        }, ex => ex is IOException, Logger);

        var failure = Assert.Single(_logs.Entries, e => e.EventId.Id == 5005);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("disk gone", failure.Message);

        _clock.Fire();
        Assert.Equal(2, calls);
        Assert.Single(_logs.Entries, e => e.EventId.Id == 5004);
    }

    [Fact]
    public void Any_other_exception_is_a_bug_and_is_not_hidden()
    {
        Assert.Throws<ArgumentException>(() => new RetentionSweep(30, _clock, _ => throw new ArgumentException("bug"), ex => ex is IOException, Logger));
    }
}
