using AcuBot.Bot;
using AcuBot.Clinic;
using AcuBot.Tests.Unanswered;

namespace AcuBot.Tests.Clinic;

/// <summary>
/// What the SQLite and the PostgreSQL insights stores share: what each reply counts (PendingInsightCounts),
/// how rows become the page's totals (InsightTally) and when counts are written (InsightFlushSchedule).
/// </summary>
public class ClinicInsightsCountingTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);
    private static readonly BotReply Answer = new(ReplyKind.Answer, "...") { SectionTitle = "Risks" };

    private static Dictionary<InsightCounter, int> Taken(PendingInsightCounts counts) =>
        counts.TakeAll().ToDictionary(t => t.Counter, t => t.Count);

    [Fact]
    public void Each_reply_counts_in_its_own_column()
    {
        var counts = new PendingInsightCounts();

        counts.Count(Day, "webchat", "Is it safe?", Answer);
        counts.Count(Day, "webchat", "Does it hurt?", new BotReply(ReplyKind.Answer, "...")); // no section
        counts.Count(Day, "webchat", "Can I park?", new BotReply(ReplyKind.Fallback, "..."));
        counts.Count(Day, "webchat", "What about herbs?", new BotReply(ReplyKind.NoKnowledge, "..."));
        counts.Count(Day, "webchat", "asdfghjkl", new BotReply(ReplyKind.Fallback, "...")); // no question in words
        counts.Count(Day, "webchat", null, new BotReply(ReplyKind.Fallback, "..."));
        counts.Count(Day, "webchat", "chest pain", new BotReply(ReplyKind.Urgent, "...") { RedFlagRule = "chest-pain" });
        counts.Count(Day, "webchat", "help", new BotReply(ReplyKind.Urgent, "...")); // a net catch names no rule
        counts.Count(Day, "webchat", "hello", new BotReply(ReplyKind.SmallTalk, "..."));
        counts.Count(Day, "webchat", null, new BotReply(ReplyKind.Welcome, "..."));
        counts.Count(Day, "webchat", "x", new BotReply(ReplyKind.InputProblem, "..."));
        counts.Count(Day, "webchat", "Is it safe?", new BotReply(ReplyKind.TurnFailed, "..."));
        counts.Count(Day, PendingInsightCounts.CliChannel, "Is it safe?", Answer); // eval, ask, check: not patients

        Assert.Equal(
            [("answered", "", 2), ("asked", "", 4), ("redflag", "chest-pain", 1), ("redflag", "red flag", 1), ("section", "Risks", 1)],
            Taken(counts).Select(c => (c.Key.Metric, c.Key.Key, c.Value)).Order());
        Assert.Equal("cli", SqliteClinicInsights.CliChannel);
    }

    [Fact]
    public void Keys_are_cut_and_new_counters_stop_at_the_cap_while_existing_ones_go_on()
    {
        var counts = new PendingInsightCounts();
        counts.Count(Day, "webchat", "q", new BotReply(ReplyKind.Answer, "...") { SectionTitle = new string('s', 500) });
        Assert.Contains(new InsightCounter(Day, "section", new string('s', PendingInsightCounts.MaxKeyLength)), Taken(counts).Keys);

        for (var i = 0; i < PendingInsightCounts.MaxPendingCounters + 50; i++)
            counts.Count(Day, "webchat", "q", new BotReply(ReplyKind.Answer, "...") { SectionTitle = $"section {i}" });
        counts.Count(Day, "webchat", "q", Answer); // asked and answered exist: they still count; "Risks" is new: it does not
        var taken = Taken(counts);

        Assert.Equal(PendingInsightCounts.MaxPendingCounters, taken.Count);
        Assert.Equal(PendingInsightCounts.MaxPendingCounters + 51, taken[new(Day, "asked", "")]);
        Assert.DoesNotContain(new InsightCounter(Day, "section", "Risks"), taken.Keys);
    }

    [Fact]
    public void Counts_put_back_add_to_those_made_meanwhile()
    {
        var counts = new PendingInsightCounts();
        counts.Count(Day, "webchat", "q", Answer);
        var taken = counts.TakeAll();
        Assert.Empty(counts.TakeAll()); // taken out: a second writer writes nothing twice

        counts.Count(Day, "webchat", "q", Answer);
        counts.PutBack(taken);

        var after = Taken(counts);
        Assert.Equal(2, after[new(Day, "asked", "")]);
        Assert.Equal(2, after[new(Day, "section", "Risks")]);
    }

    [Fact]
    public void The_tally_has_every_day_of_the_period_and_sums_rules_and_sections_over_it()
    {
        var tally = new InsightTally(Day, 3);
        Assert.Equal(Day.AddDays(-2), tally.From);
        tally.Add(Day.AddDays(-2), "asked", "", 3);
        tally.Add(Day.AddDays(-2), "answered", "", 2);
        tally.Add(Day, "asked", "", 1);
        tally.Add(Day.AddDays(-2), "redflag", "chest-pain", 1);
        tally.Add(Day, "redflag", "chest-pain", 2);
        tally.Add(Day, "section", "Risks", 4);
        tally.Add(Day, "from-a-newer-build", "x", 9);

        var totals = tally.Totals();

        Assert.Equal([(Day.AddDays(-2), 3, 2), (Day.AddDays(-1), 0, 0), (Day, 1, 0)], totals.Days.Select(d => (d.Day, d.Asked, d.Answered)));
        Assert.Equal(3, totals.RedFlagsByRule["chest-pain"]);
        Assert.Equal(4, Assert.Single(totals.AnswersBySection).Value);
        Assert.Single(new InsightTally(Day, 0).Totals().Days); // at least today
    }

    [Fact]
    public void The_timer_and_closing_write_the_counts_and_a_failed_write_keeps_them_for_the_next()
    {
        var clock = new ManualTimerClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var counts = new PendingInsightCounts();
        var stored = new Dictionary<InsightCounter, int>();
        var failing = true;
        var failures = new List<Exception>();
        var flushes = new InsightFlushSchedule(counts, 0, clock, (batch, _) =>
        {
            if (failing) throw new IOException("file locked");
            foreach (var (counter, n) in batch) stored[counter] = stored.GetValueOrDefault(counter) + n;
        }, ex => ex is IOException, failures.Add).Start();
        Assert.Equal(InsightFlushSchedule.FlushInterval, Assert.Single(clock.Timers).Period);

        counts.Count(flushes.Today(), "webchat", "q", Answer);
        clock.Fire();
        Assert.Single(failures);
        Assert.Empty(stored);

        failing = false;
        counts.Count(flushes.Today(), "webchat", "q", Answer);
        clock.Fire();
        Assert.Equal(2, stored[new(Day, "answered", "")]);

        counts.Count(flushes.Today(), "webchat", "q", Answer);
        flushes.Dispose();
        Assert.Equal(3, stored[new(Day, "answered", "")]);
        Assert.Empty(clock.Timers);
    }

    [Fact]
    public void Days_past_the_retention_are_deleted_once_per_day_that_passes()
    {
        var clock = new ManualTimerClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var deletes = new List<DateOnly>();
        var failing = false;
        using var flushes = new InsightFlushSchedule(new PendingInsightCounts(), 90, clock, (_, deleteBefore) =>
        {
            if (failing) throw new IOException("file locked");
            if (deleteBefore is { } day) deletes.Add(day);
        }, ex => ex is IOException, _ => { });

        flushes.Flush();
        flushes.Flush();
        clock.Now = clock.Now.AddHours(6);
        flushes.Flush();
        Assert.Equal([Day.AddDays(-90)], deletes);

        clock.Now = clock.Now.AddDays(1);
        failing = true;
        flushes.Flush(); // failed: tried again at the next flush
        failing = false;
        flushes.Flush();
        Assert.Equal([Day.AddDays(-90), Day.AddDays(-89)], deletes);
    }

    [Fact]
    public void Zero_days_of_retention_deletes_nothing()
    {
        var clock = new ManualTimerClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var deletes = new List<DateOnly?>();
        var counts = new PendingInsightCounts();
        using var flushes = new InsightFlushSchedule(counts, 0, clock, (_, deleteBefore) => deletes.Add(deleteBefore), _ => false, _ => { });

        counts.Count(flushes.Today(), "webchat", "q", Answer);
        flushes.Flush();

        Assert.Equal([null], deletes);
    }
}
