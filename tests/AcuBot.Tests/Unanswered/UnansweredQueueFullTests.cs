using System.Text.RegularExpressions;
using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace AcuBot.Tests.Unanswered;

/// <summary>
/// The SQLite log under a store that does not keep up: questions beyond its queue are dropped, not waited
/// for, and every one of them is counted in the warning on close (the queue used to drop them silently).
/// </summary>
public class UnansweredQueueFullTests
{
    [Fact]
    public void Questions_beyond_the_queue_are_dropped_and_all_of_them_counted()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-queue-full-");
        var logs = new InMemoryLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        const int Asked = 6000; // more than the queue (4096) and the batch the writer holds (500) together
        try
        {
            var path = Path.Combine(scratch.FullName, "log.db");
            var options = Microsoft.Extensions.Options.Options.Create(new UnansweredOptions { DatabasePath = path });
            var log = new SqliteUnansweredLog(options, new HostingEnvironment { ContentRootPath = scratch.FullName }, TimeProvider.System, loggers.CreateLogger<SqliteUnansweredLog>());
            using (var blocker = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                // Another writer holds the file, so the log's writer waits on its first batch (SQLite retries a busy
                // file for 30 s) while the turns go on recording.
                blocker.Open();
                using (var begin = blocker.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE;";
                    begin.ExecuteNonQuery();
                }
                for (var i = 0; i < Asked; i++) log.Record("Can I park at the clinic?", 0.1);
                using var rollback = blocker.CreateCommand();
                rollback.CommandText = "ROLLBACK;";
                rollback.ExecuteNonQuery();
            }
            log.Dispose(); // writes what the queue holds

            var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 5002);
            var dropped = int.Parse(Regex.Match(warning.Message, @"dropped (\d+) records").Groups[1].Value);
            var kept = new SqliteUnansweredLog(options, new HostingEnvironment { ContentRootPath = scratch.FullName }, TimeProvider.System, loggers.CreateLogger<SqliteUnansweredLog>());
            var written = Assert.Single(kept.Summarize()).Count;
            kept.Dispose();
            Assert.True(dropped >= Asked - 4096 - 500, $"{dropped} dropped");
            Assert.Equal(Asked, written + dropped);
            Assert.DoesNotContain(logs.Entries, e => e.EventId.Id is 5001 or 5003); // nothing lost unsaid
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }
}
