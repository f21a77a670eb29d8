using AcuBot.Cli;
using AcuBot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AcuBot.Tests.Commands;

/// <summary>The commands on System.CommandLine: help for each, settings passed through, errors said plainly.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("ask", "--explain")]
    [InlineData("eval", "--no-ablations")]
    [InlineData("unanswered", "--since")]
    [InlineData("check", "--strict")]
    public async Task Every_command_has_help(string command, string option)
    {
        var (exitCode, output, _) = await CliRun.RunAsync(command, "--help");

        Assert.Equal(0, exitCode);
        Assert.Matches($@"Usage:\s+\S+ {command}\b", output);
        Assert.Contains(option, output);
        Assert.Contains("--Section:Key=value", output);
        Assert.DoesNotContain("No unanswered questions", output);
    }

    [Fact]
    public async Task The_program_lists_its_commands()
    {
        var (exitCode, output, _) = await CliRun.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "ask", "eval", "unanswered", "check" }) Assert.Contains(command, output);
        Assert.True(CliCommands.Handles(["check"]));
        Assert.False(CliCommands.Handles(["--urls", "http://localhost:5000"]));
    }

    [Theory]
    [InlineData("--Clinic:Name=Harbourside", true)]
    [InlineData("--Knowledge:Folder=/tmp/k", true)]
    [InlineData("--json", false)]
    [InlineData("--since", false)]
    [InlineData("what is qi: energy?", false)]
    public void Settings_are_told_from_the_commands_own_arguments(string arg, bool isSetting) =>
        Assert.Equal(isSetting, CliSettings.IsSetting(arg));

    [Fact]
    public async Task A_missing_question_or_a_bad_since_is_an_error_with_the_reason()
    {
        var ask = await CliRun.RunAsync("ask");
        var since = await CliRun.RunAsync("unanswered", "--since", "last tuesday");

        Assert.NotEqual(0, ask.ExitCode);
        Assert.Contains("question", ask.Error);
        Assert.NotEqual(0, since.ExitCode);
        Assert.Contains("--since takes a date", since.Error);
    }

    [Fact]
    public async Task Ask_answers_with_the_settings_given_and_records_nothing()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-ask-");
        var database = Path.Combine(scratch.FullName, "log.db");
        try
        {
            var (exitCode, output, _) = await CliRun.RunAsync("ask", "Can I park at the clinic?", $"--Unanswered:DatabasePath={database}", "--Clinic:Phone=555-9999");

            Assert.Equal(0, exitCode);
            Assert.Contains("555-9999", output); // the fallback, with the phone number given on the command line
            Assert.False(File.Exists(database) && Count(database) > 0, "ask's question was recorded as a patient's");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Explain_shows_the_words_as_typed_and_the_synonyms_used_not_stems()
    {
        var (exitCode, output, _) = await CliRun.RunAsync("ask", "does it hurt with the neddles?", "--explain");

        Assert.Equal(0, exitCode);
        var understood = output[output.IndexOf("How the question was understood", StringComparison.Ordinal)..];
        Assert.Matches(@"\n  hurt: [^\n]*synonyms used: [^\n]*\bpain\b", understood);
        Assert.Matches(@"\n  neddles: read as ""needles"" \(spelling corrected\)", understood);
        Assert.DoesNotContain("needl,", understood);
        Assert.DoesNotContain("x0.8", understood);
    }

    [Fact]
    public async Task Explain_names_the_nearest_question_the_documents_do_not_answer()
    {
        var (exitCode, output, _) = await CliRun.RunAsync("ask", "how much does a session cost?", "--explain");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"Nearest question the documents do not answer \(not-answered file\): ""how much does a session cost"" at (0\.9\d|1\.00)", output);
    }

    [Fact]
    public async Task Unanswered_lists_groups_since_a_date_and_as_csv()
    {
        var scratch = Directory.CreateTempSubdirectory("acubot-unanswered-");
        var database = Path.Combine(scratch.FullName, "log.db");
        try
        {
            var now = DateTimeOffset.UtcNow;
            Seed(database, ("What are your opening hours?", now.AddDays(-20)), ("When are you open?", now.AddDays(-1)),
                ("=HYPERLINK(\"http://evil.example\",\"click\")", now.AddDays(-2)), ("Can I park at the clinic?", now.AddDays(-10)));
            var setting = $"--Unanswered:DatabasePath={database}";

            var table = await CliRun.RunAsync("unanswered", setting);
            var recent = await CliRun.RunAsync("unanswered", setting, "--since", "5d");
            var csv = await CliRun.RunAsync("unanswered", setting, "--csv");
            var faq = await CliRun.RunAsync("unanswered", setting, "--faq");

            Assert.Equal(0, table.ExitCode);
            Assert.Matches(@"\n\s+2  \d{4}-\d\d-\d\d \d\d:\d\d  \d{4}-\d\d-\d\d \d\d:\d\d\s+-  (What are your opening hours\?|When are you open\?)\n\s+also: ", table.Output);
            Assert.DoesNotContain("Can I park", recent.Output);
            Assert.Contains("When are you open?", recent.Output);
            var lines = csv.Output.TrimEnd().Split('\n');
            Assert.Equal("count,first_asked_utc,last_asked_utc,best_confidence,question,other_wordings", lines[0]);
            Assert.Equal(4, lines.Length);
            Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""));
            Assert.Contains("Also asked: ", faq.Output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    private static long Count(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM unanswered";
        return (long)command.ExecuteScalar()!;
    }

    private static void Seed(string database, params (string Question, DateTimeOffset At)[] records)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS unanswered (id INTEGER PRIMARY KEY, question TEXT NOT NULL, normalized TEXT NOT NULL, asked_at TEXT NOT NULL, best_confidence REAL);";
        command.ExecuteNonQuery();
        foreach (var (question, at) in records)
        {
            command.CommandText = "INSERT INTO unanswered (question, normalized, asked_at) VALUES ($q, $q, $at)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$q", question);
            command.Parameters.AddWithValue("$at", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
    }
}
