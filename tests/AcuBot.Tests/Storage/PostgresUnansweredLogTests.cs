using AcuBot.Bot;
using AcuBot.Storage;
using AcuBot.Tests.Bot;
using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AcuBot.Tests.Storage;

/// <summary>
/// Issue 13, item 2: with <c>ConnectionStrings:Postgres</c> the unanswered log and the insight counts live in
/// PostgreSQL (a real server started by the tests), under the same privacy rules as the SQLite file.
/// </summary>
[Collection(PostgresFixture.Name)]
public class PostgresUnansweredLogTests(PostgresFixture postgres)
{
    private const string Disclosing =
        "My name is Jane Doe, born 1980-02-03, phone 555-123-4567, email jane.doe@example.com. Can I park at the clinic?";

    [PostgresFact]
    public async Task Questions_are_recorded_in_PostgreSQL_redacted_and_grouped()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}");
        var log = bot.Host.Services.GetRequiredService<IUnansweredLog>();
        Assert.IsType<PostgresUnansweredLog>(log);

        log.Record(Disclosing, 0.1);
        log.Record("What are your opening hours?", 0.2);
        log.Record("what are your OPENING hours", null);
        var summaries = await WaitForAsync(log, total: 3);

        Assert.Equal(2, summaries.Count);
        Assert.Equal(2, summaries[0].Count);
        Assert.Equal(0.2, summaries[0].BestConfidence);
        Assert.Equal("My name is [name], born [date], phone [phone], email [email]. Can I park at the clinic?", summaries[1].Question);
        var rows = await ScalarAsync<string>(database, "SELECT string_agg(question || ' ' || normalized, ' ') FROM unanswered");
        foreach (var secret in new[] { "Jane", "Doe", "1980", "555-123-4567", "jane.doe", "example.com" })
            Assert.DoesNotContain(secret, rows, StringComparison.OrdinalIgnoreCase);
    }

    [PostgresFact]
    public async Task A_fallback_in_a_conversation_reaches_the_PostgreSQL_log()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}");

        await bot.AskAsync("Is my insurance accepted?");

        var summary = Assert.Single(await WaitForAsync(bot.Host.Services.GetRequiredService<IUnansweredLog>(), total: 1));
        Assert.Equal("Is my insurance accepted?", summary.Question);
    }

    [PostgresFact]
    public async Task The_schema_is_made_once_even_by_instances_starting_together()
    {
        var database = await postgres.Server.NewDatabaseAsync();

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance))));
        foreach (var started in starts) started.Dispose();
        using (new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance)) { } // a restart: nothing left to do

        Assert.Equal(PostgresDatabase.SchemaVersion, await ScalarAsync<long>(database, "SELECT count(*) FROM acubot_schema"));
        Assert.Equal(PostgresDatabase.SchemaVersion, await ScalarAsync<int>(database, "SELECT max(version) FROM acubot_schema"));
        Assert.Equal(2, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename IN ('unanswered', 'daily_counts')"));
    }

    [PostgresFact]
    public async Task A_database_from_a_newer_build_is_refused()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using (new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance)) { }
        await ExecuteAsync(database, $"INSERT INTO acubot_schema VALUES ({PostgresDatabase.SchemaVersion + 1})");

        var refused = Assert.Throws<InvalidOperationException>(() => new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance));
        Assert.Contains("newer", refused.Message);
    }

    [PostgresFact]
    public async Task Questions_past_their_retention_are_deleted_at_start()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using (new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance)) { }
        await ExecuteAsync(database, """
            INSERT INTO unanswered (question, normalized, asked_at) VALUES
              ('An ancient question?', 'an ancient question', now() - interval '100 days'),
              ('A recent question?', 'a recent question', now() - interval '1 day')
            """);

        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}", "--Unanswered:RetentionDays=90");
        var kept = bot.Host.Services.GetRequiredService<IUnansweredLog>().Summarize();

        Assert.Equal(["A recent question?"], kept.Select(s => s.Question));
    }

    [PostgresFact]
    public async Task The_log_keeps_at_most_its_cap_the_newest_first()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}", "--Unanswered:MaxRecords=3");
        var log = bot.Host.Services.GetRequiredService<IUnansweredLog>();

        for (var i = 1; i <= 6; i++)
        {
            log.Record($"Can I park a bicycle number {i} at the clinic?", null);
            await WaitForAsync(log, s => s.Any(x => x.Question.Contains($"number {i}"))); // one batch each: the cap applies to every batch
        }

        var kept = log.Summarize();
        Assert.Equal(3, kept.Sum(s => s.Count));
        Assert.Equal(["4", "5", "6"], kept.Select(s => s.Question.Split(' ')[6]).Order());
    }

    [PostgresFact]
    public async Task Purge_deletes_everything_and_empties_the_table_file_that_held_it()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}");
        var log = bot.Host.Services.GetRequiredService<IUnansweredLog>();
        log.Record("Can I park at the clinic?", null);
        log.Record("Do you take cards?", null);
        await WaitForAsync(log, total: 2);
        var fileBefore = await ScalarAsync<string>(database, "SELECT pg_relation_filepath('unanswered')");

        Assert.Equal(2, log.Purge());

        Assert.Empty(log.Summarize());
        Assert.NotEqual(fileBefore, await ScalarAsync<string>(database, "SELECT pg_relation_filepath('unanswered')"));
        var dataFolder = await ScalarAsync<string>(database, "SHOW data_directory");
        // PostgreSQL empties the old file at commit and removes it at its next checkpoint.
        var old = new FileInfo(Path.Combine(dataFolder, fileBefore));
        Assert.True(!old.Exists || old.Length == 0, $"the file that held the questions still has {old.Length} bytes");
    }

    [PostgresFact]
    public async Task The_unanswered_command_reads_the_PostgreSQL_log()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        var scratch = Directory.CreateTempSubdirectory("acubot-pg-cli-").FullName;
        var emptySqlite = $"--Unanswered:DatabasePath={Path.Combine(scratch, "empty.db")}";
        try
        {
            using (var bot = new BotUnderTest(null, $"--ConnectionStrings:Postgres={database}"))
                await bot.AskAsync("Can I park at the clinic?");
            // disposing the host flushed the queue

            var output = new StringWriter();
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(RepoPaths.Root); // the CLI finds appsettings.json from the current folder
            int exitCode;
            try { exitCode = await Cli.UnansweredCommand.RunAsync([$"--ConnectionStrings:Postgres={database}", emptySqlite], output); }
            finally { Directory.SetCurrentDirectory(previous); }

            Assert.Equal(0, exitCode);
            Assert.Contains("Can I park at the clinic?", output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Insight_counts_of_two_instances_add_up_in_one_table()
    {
        var database = await postgres.Server.NewDatabaseAsync();
        using var db = new PostgresDatabase(database, NullLogger<PostgresDatabase>.Instance);
        var options = Microsoft.Extensions.Options.Options.Create(new UnansweredOptions());
        var answer = new BotReply(ReplyKind.Answer, "...") { SectionTitle = "What is acupuncture?" };
        var first = new PostgresClinicInsights(db, options, TimeProvider.System, NullLogger<PostgresClinicInsights>.Instance);
        var second = new PostgresClinicInsights(db, options, TimeProvider.System, NullLogger<PostgresClinicInsights>.Instance);

        first.Count("webchat", "what is acupuncture", answer);
        first.Count("webchat", "Can I park at the clinic?", new BotReply(ReplyKind.Fallback, "..."));
        second.Count("directline", "what is it", answer);
        second.Count(AcuBot.Clinic.SqliteClinicInsights.CliChannel, "what is it", answer); // the CLI's: not counted
        first.Dispose(); // stopping writes what it counted

        var totals = second.Read(7);
        second.Dispose();
        Assert.Equal(3, totals.Asked);
        Assert.Equal(2, totals.Answered);
        Assert.Equal(2, totals.AnswersBySection["What is acupuncture?"]);
        Assert.Equal(7, totals.Days.Count);
    }

    [PostgresFact]
    public async Task The_web_host_migrates_the_schema_when_it_starts_and_records_a_patients_question()
    {
        var database = await postgres.Server.NewDatabaseAsync();

        await using var server = await BotServer.StartAsync($"--ConnectionStrings:Postgres={database}");

        Assert.Equal(PostgresDatabase.SchemaVersion, await ScalarAsync<int>(database, "SELECT max(version) FROM acubot_schema")); // before any question
        await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Is my insurance accepted?"));
        var log = server.App.Services.GetRequiredService<IUnansweredLog>();
        Assert.Equal("Is my insurance accepted?", Assert.Single(await WaitForAsync(log, total: 1)).Question);
        Assert.IsType<PostgresClinicInsights>(server.App.Services.GetRequiredService<AcuBot.Clinic.IClinicInsights>());
    }

    private static async Task<IReadOnlyList<UnansweredSummary>> WaitForAsync(IUnansweredLog log, int total) =>
        await WaitForAsync(log, s => s.Sum(x => x.Count) >= total);

    private static async Task<IReadOnlyList<UnansweredSummary>> WaitForAsync(IUnansweredLog log, Func<IReadOnlyList<UnansweredSummary>, bool> done)
    {
        // Records are written by a background task: a bounded wait for it, not a timing assertion.
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var summaries = log.Summarize();
            if (done(summaries)) return summaries;
            await Task.Delay(20);
        }
        return log.Summarize();
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Start-up with an unreachable PostgreSQL: no server needed.</summary>
public class PostgresStartupTests
{
    [Fact]
    public void An_unreachable_server_stops_the_start_with_a_clear_message_and_no_password()
    {
        var port = LocalServer.FreeLoopbackPort();
        var connection = $"Host=127.0.0.1;Port={port};Username=acubot;Password=s3cret-pw;Database=clinic;Timeout=3";

        var refused = Assert.Throws<InvalidOperationException>(() => new PostgresDatabase(connection, NullLogger<PostgresDatabase>.Instance));

        Assert.Contains("ConnectionStrings:Postgres", refused.Message);
        Assert.Contains($"127.0.0.1:{port}", refused.Message);
        Assert.DoesNotContain("s3cret-pw", refused.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_named()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new PostgresDatabase("Hots=nowhere;Prot=1", NullLogger<PostgresDatabase>.Instance));
        Assert.Contains("ConnectionStrings:Postgres", refused.Message);
    }
}
