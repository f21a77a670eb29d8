using AcuBot.Cli;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Bot;

public class EvalCommandTests
{
    private static string QuestionSet => Path.Combine(RepoPaths.Root, "tests", "eval", "questions.jsonl");

    [Fact]
    public async Task The_labelled_question_set_meets_the_quality_targets()
    {
        using var bot = new BotUnderTest(null, "--Unanswered:Enabled=false");

        var report = await EvalCommand.EvaluateAsync(bot.Host, EvalQuestionSet.Read(QuestionSet));

        Assert.Equal(40, report.Total);
        Assert.Equal(1.0, report.DisclaimerRate);
        Assert.Equal(report.ByExpect["urgent"].Total, report.ByExpect["urgent"].Correct);
        Assert.True(Rate(report, "answer") >= 0.9, Describe(report));
        Assert.True(Rate(report, "none") >= 0.95, Describe(report));
        Assert.True(Rate(report, "smalltalk") >= 0.95, Describe(report));
    }

    /// <summary>
    /// Several files in one run share the host: each question must still be a conversation of its own, or
    /// a question of the second file is read as a follow-up of the first file's question at its position.
    /// </summary>
    [Fact]
    public async Task Every_question_is_a_new_conversation_even_across_files_of_one_run()
    {
        using var bot = new BotUnderTest(null, "--Unanswered:Enabled=false");

        await EvalCommand.EvaluateAsync(bot.Host, [new EvalQuestion("what are the risks of acupuncture", "answer", ["Understanding the Risks Associated with Acupuncture"], ["bruising"])]);
        var second = await EvalCommand.EvaluateAsync(bot.Host, [new EvalQuestion("tell me more", "none", null, null)]);

        Assert.Equal(1, second.ByExpect["none"].Correct); // with the first file's context it expands the risks section
    }

    [Fact]
    public async Task The_json_report_has_the_documented_shape()
    {
        var output = new StringWriter();

        var exitCode = await EvalCommand.RunAsync([QuestionSet, "--json", $"--Knowledge:Folder={RepoPaths.Knowledge}"], output);

        Assert.Equal(0, exitCode);
        using var report = System.Text.Json.JsonDocument.Parse(output.ToString().TrimEnd().Split('\n')[^1]);
        var root = report.RootElement;
        Assert.Equal(40, root.GetProperty("total").GetInt32());
        foreach (var field in new[] { "correct", "accuracy", "by_expect", "p50_ms", "p99_ms", "misses" })
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal(4, root.GetProperty("by_expect").EnumerateObject().Count());
    }

    [Fact]
    public async Task Several_files_are_reported_each_and_in_total_with_the_total_last()
    {
        var output = new StringWriter();
        var holdout = Path.Combine(RepoPaths.Root, "tests", "eval", "holdout.jsonl");

        var exitCode = await EvalCommand.RunAsync([QuestionSet, holdout, "--json", "--no-ablations", $"--Knowledge:Folder={RepoPaths.Knowledge}"], output);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        var totals = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("total").GetInt32()).ToArray();
        Assert.Equal(40, totals[0]);
        Assert.Equal(EvalQuestionSet.Read(holdout).Count, totals[1]);
        Assert.Equal(totals[0] + totals[1], totals[2]);
    }

    [Fact]
    public async Task A_broken_question_file_is_reported_with_its_line()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"q\":\"hi\",\"expect\":\"smalltalk\"}\n{not json\n");
        try
        {
            var error = Assert.Throws<FormatException>(() => EvalQuestionSet.Read(file));
            Assert.Contains(":2:", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static double Rate(Cli.EvalReport report, string expect) =>
        (double)report.ByExpect[expect].Correct / report.ByExpect[expect].Total;

    private static string Describe(Cli.EvalReport report) =>
        string.Join("\n", report.Misses.Select(m => $"[{m.Expect}] {m.Q} -> {m.GotKind} {m.GotSection}"));
}
