using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Tests;

public class NotAnsweredExamplesParseTests
{
    [Fact]
    public void One_question_a_line_without_headings_blank_lines_or_repeats()
    {
        var questions = NotAnsweredExamples.Parse("# Prices\nhow much is a session\n\n  do you take insurance?  \r\nHow much is a session\n# Children\ncan my son have it\n", out var problems);

        Assert.Equal(["how much is a session", "do you take insurance?", "can my son have it"], questions);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_line_too_long_to_be_a_question_is_left_out_and_named()
    {
        var questions = NotAnsweredExamples.Parse($"short one\n{new string('x', NotAnsweredExamples.MaxLength + 1)}\nanother\n", out var problems);

        Assert.Equal(["short one", "another"], questions);
        Assert.Contains("line 2", Assert.Single(problems));
    }

    [Fact]
    public void Questions_past_the_limit_are_left_out_and_said_once()
    {
        var text = string.Join("\n", Enumerable.Range(0, NotAnsweredExamples.MaxExamples + 10).Select(i => $"question {i}"));

        var questions = NotAnsweredExamples.Parse(text, out var problems);

        Assert.Equal(NotAnsweredExamples.MaxExamples, questions.Count);
        Assert.Contains($"more than {NotAnsweredExamples.MaxExamples}", Assert.Single(problems));
    }
}
