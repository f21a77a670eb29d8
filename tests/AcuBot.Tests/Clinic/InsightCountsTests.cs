using AcuBot.Bot;
using AcuBot.Clinic;
using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AcuBot.Tests.Clinic;

public class InsightCountsTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Host(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "AcuBot";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    [Fact]
    public void Counts_are_kept_per_day_across_restarts_and_deleted_with_the_logs_retention()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-insights-");
        try
        {
            var options = Microsoft.Extensions.Options.Options.Create(new UnansweredOptions { DatabasePath = "log.db", RetentionDays = 90 });
            var clock = new Clock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
            var answer = new BotReply(ReplyKind.Answer, "...") { SectionTitle = "Risks" };
            using (var insights = new SqliteClinicInsights(options, new Host(scratch.FullName), clock, NullLogger<SqliteClinicInsights>.Instance))
            {
                insights.Count("webchat", "Is it safe?", answer);
                insights.Count("webchat", "Can I park?", new BotReply(ReplyKind.Fallback, "..."));
                clock.Now = clock.Now.AddDays(1);
                insights.Count("emulator", "Is it safe?", answer);
                insights.Count(SqliteClinicInsights.CliChannel, "Is it safe?", answer);
            }

            clock.Now = clock.Now.AddDays(1);
            using (var restarted = new SqliteClinicInsights(options, new Host(scratch.FullName), clock, NullLogger<SqliteClinicInsights>.Instance))
            {
                var totals = restarted.Read(3);
                Assert.Equal([(2, 1), (1, 1), (0, 0)], totals.Days.Select(d => (d.Asked, d.Answered)));
                Assert.Equal(2, totals.AnswersBySection["Risks"]);

                clock.Now = clock.Now.AddDays(89); // the first day is now past the 90 days of retention
                var later = restarted.Read(100);
                Assert.Equal(1, later.Asked);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }
}
