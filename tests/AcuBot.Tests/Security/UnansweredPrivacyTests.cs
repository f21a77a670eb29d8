using System.Globalization;
using System.Text;
using AcuBot.Tests.Support;
using AcuBot.Unanswered;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Medium 6 and Low 7: the unanswered-question log stored what patients typed verbatim, for
/// ever, without a cap, in a world-readable file, and printed terminal escapes raw.
/// </summary>
public class UnansweredPrivacyTests
{
    private const string Disclosing =
        "My name is Jane Doe, born 1980-02-03, phone 555-123-4567, email jane.doe@example.com. Can I park at the clinic?";

    [Fact]
    public async Task Personal_details_a_patient_gives_are_not_in_the_database_file()
    {
        await using var server = await BotServer.StartAsync();

        await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(Disclosing));

        var stored = Assert.Single(await WaitForAsync(server, s => s.Sum(x => x.Count) >= 1));
        Assert.Equal("My name is [name], born [date], phone [phone], email [email]. Can I park at the clinic?", stored.Question);
        var file = ReadDatabaseFiles(server);
        foreach (var secret in new[] { "Jane", "Doe", "1980", "555-123-4567", "jane.doe", "example.com" })
            Assert.DoesNotContain(secret, file);
    }

    [Theory]
    [InlineData("I'm Jane Smith and my back hurts, what can you do?", "I'm [name] and my back hurts, what can you do?")]
    [InlineData("call me bob. do you treat sciatica?", "call me [name]. do you treat sciatica?")]
    [InlineData("This is Maria Lopez, my appointment is on 3 March 2025", "This is [name], my appointment is on [date]")]
    [InlineData("born February 3, 1980 and on 03/02/1980", "born [date] and on [date]")]
    [InlineData("ring me on +1 (555) 123-4567 or 020 7946 0958", "ring me on [phone] or [phone]")]
    [InlineData("I'm worried: is 20 minutes too long? I am 45.", "I'm worried: is 20 minutes too long? I am 45.")]
    public void Redaction_takes_out_names_dates_and_numbers_and_leaves_the_question(string question, string stored) =>
        Assert.Equal(stored, PersonalDetails.Redact(question));

    [Fact]
    public async Task Questions_past_their_retention_are_deleted_at_start()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-retention-");
        var database = Path.Combine(scratch.FullName, "old.db");
        try
        {
            Seed(database, ("An ancient question?", DateTimeOffset.UtcNow.AddDays(-100)), ("A recent question?", DateTimeOffset.UtcNow.AddDays(-1)));

            await using var server = await BotServer.StartAsync($"--Unanswered:DatabasePath={database}");

            var kept = Log(server).Summarize();
            Assert.Equal(["A recent question?"], kept.Select(s => s.Question));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_log_keeps_at_most_its_cap_the_newest_first()
    {
        await using var server = await BotServer.StartAsync("--Unanswered:MaxRecords=3");

        for (var i = 1; i <= 6; i++)
            await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies($"Can I park a bicycle number {i} at the clinic?"));

        var kept = await WaitForAsync(server, s => s.Any(x => x.Question.Contains("number 6")));
        Assert.Equal(3, kept.Sum(s => s.Count));
        Assert.DoesNotContain(kept, s => s.Question.Contains("number 1"));
    }

    [Fact]
    public async Task The_database_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions; Windows inherits the folder's ACL
        await using var server = await BotServer.StartAsync();
        await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Can I park at the clinic?"));
        await WaitForAsync(server, s => s.Count >= 1);

        var database = DatabasePath(server);
        foreach (var file in new[] { database, database + "-wal" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Unanswered_purge_deletes_everything_and_leaves_no_copy_in_the_file()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-purge-");
        var database = Path.Combine(scratch.FullName, "log.db");
        try
        {
            Seed(database, ("Where do I leave my bicycle?", DateTimeOffset.UtcNow), ("Is there a lift to the second floor?", DateTimeOffset.UtcNow));

            var output = new StringWriter();
            var exitCode = await RunInRepositoryAsync(() => Cli.UnansweredCommand.RunAsync(["--purge", $"--Unanswered:DatabasePath={database}"], output));

            Assert.Equal(0, exitCode);
            Assert.Contains("Deleted 2 unanswered questions", output.ToString());
            var listing = new StringWriter();
            await RunInRepositoryAsync(() => Cli.UnansweredCommand.RunAsync([$"--Unanswered:DatabasePath={database}"], listing));
            Assert.Contains("No unanswered questions recorded", listing.ToString());
            SqliteConnection.ClearAllPools();
            var file = ReadFiles(database);
            Assert.DoesNotContain("bicycle", file);
            Assert.DoesNotContain("second floor", file);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Terminal_escapes_in_a_question_are_neither_stored_nor_printed()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-escapes-");
        var database = Path.Combine(scratch.FullName, "log.db");
        try
        {
            await using (var server = await BotServer.StartAsync($"--Unanswered:DatabasePath={database}"))
            {
                await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Can I park\u001b[2J\u001b[31m at the\u0007 clinic?\u009b"));
                var stored = Assert.Single(await WaitForAsync(server, s => s.Count >= 1));
                Assert.Equal("Can I park[2J[31m at the clinic?", stored.Question);
            }
            // Written before this fix: the listing strips it too.
            Seed(database, ("Old\u001b]0;pwned\u0007 question?", DateTimeOffset.UtcNow));

            var output = new StringWriter();
            await RunInRepositoryAsync(() => Cli.UnansweredCommand.RunAsync([$"--Unanswered:DatabasePath={database}"], output));

            Assert.DoesNotContain(output.ToString(), c => char.IsControl(c) && c is not '\n' and not '\r');
            Assert.Contains("Old]0;pwned question?", output.ToString());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    private static IUnansweredLog Log(BotServer server) => server.App.Services.GetRequiredService<IUnansweredLog>();

    private static string DatabasePath(BotServer server) =>
        server.App.Services.GetRequiredService<IOptions<UnansweredOptions>>().Value.DatabasePath;

    private static async Task<IReadOnlyList<UnansweredSummary>> WaitForAsync(BotServer server, Func<IReadOnlyList<UnansweredSummary>, bool> done)
    {
        // Records are written by a background task within a few tens of milliseconds.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var summaries = Log(server).Summarize();
            if (done(summaries)) return summaries;
            await Task.Delay(25);
        }
        return Log(server).Summarize();
    }

    /// <summary>The database and its WAL as text (Latin-1, so every byte is one character).</summary>
    private static string ReadDatabaseFiles(BotServer server) => ReadFiles(DatabasePath(server));

    private static string ReadFiles(string database)
    {
        var text = new StringBuilder();
        foreach (var file in new[] { database, database + "-wal", database + "-journal" })
        {
            if (!File.Exists(file)) continue;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new System.IO.StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }

    /// <summary>A database as an earlier run of the bot left it, with the bot's own schema.</summary>
    private static void Seed(string database, params (string Question, DateTimeOffset At)[] records)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS unanswered (id INTEGER PRIMARY KEY, question TEXT NOT NULL, normalized TEXT NOT NULL, asked_at TEXT NOT NULL, best_confidence REAL);
            """;
        command.ExecuteNonQuery();
        foreach (var (question, at) in records)
        {
            command.CommandText = "INSERT INTO unanswered (question, normalized, asked_at) VALUES ($q, $q, $at)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$q", question);
            command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
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
