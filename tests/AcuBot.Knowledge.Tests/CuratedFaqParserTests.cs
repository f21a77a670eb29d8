using AcuBot.Knowledge.Parsing;

namespace AcuBot.Knowledge.Tests;

public class CuratedFaqParserTests
{
    private static IReadOnlyList<CuratedEntry> Parse(string text) => new CuratedFaqParser().Parse(text);

    [Fact]
    public void Question_with_also_asked_line_and_answer_gives_entry_with_all_phrasings_and_the_answer()
    {
        var entries = Parse(
            "## How many sessions will I need?\n" +
            "Also asked: how often should I come? | number of visits\n" +
            "\n" +
            "Most patients feel a change after four to six sessions.\n");

        var entry = Assert.Single(entries);
        Assert.Equal(["How many sessions will I need?", "how often should I come?", "number of visits"], entry.Questions);
        Assert.Equal("Most patients feel a change after four to six sessions.", entry.Answer);
    }

    [Fact]
    public void Question_without_also_asked_line_has_just_its_heading_as_question()
    {
        var entry = Assert.Single(Parse("## Is there parking?\nYes, behind the building.\n"));

        Assert.Equal(["Is there parking?"], entry.Questions);
        Assert.Equal("Yes, behind the building.", entry.Answer);
    }

    [Fact]
    public void Also_asked_prefix_is_case_insensitive_and_empty_phrasings_are_dropped()
    {
        var entry = Assert.Single(Parse("## Do you take cards?\nALSO ASKED:  card payment ||  contactless  |\n\nYes, all major cards.\n"));

        Assert.Equal(["Do you take cards?", "card payment", "contactless"], entry.Questions);
    }

    [Fact]
    public void Entry_with_no_answer_is_dropped_and_its_neighbours_are_kept()
    {
        var entries = Parse(
            "## Do you treat children?\n\n" +
            "## Is it covered by insurance?\nAlso asked: insurance cover?\n\n" +
            "## Is there parking?\nYes, behind the building.\n");

        var entry = Assert.Single(entries);
        Assert.Equal("Is there parking?", entry.Questions[0]);
    }

    [Fact]
    public void Multi_paragraph_answer_with_list_is_joined_with_list_markers()
    {
        var entry = Assert.Single(Parse("## What should I bring?\nPlease bring:\n- your scans\n- a list of medications\n\nArrive ten minutes early.\n"));

        Assert.Equal("Please bring:\n- your scans\n- a list of medications\nArrive ten minutes early.", entry.Answer);
    }

    [Fact]
    public void Text_before_the_first_question_is_ignored()
    {
        var entries = Parse("Questions our reception hears every week.\n\n## Is there parking?\nYes, behind the building.\n");

        var entry = Assert.Single(entries);
        Assert.Equal(["Is there parking?"], entry.Questions);
        Assert.Equal("Yes, behind the building.", entry.Answer);
    }

    [Fact]
    public void Answer_on_the_line_right_after_also_asked_is_the_answer()
    {
        var entries = Parse(
            "## How many sessions will I need?\n" +
            "Also asked: how often should I come | number of visits\n" +
            "Most patients feel a change after four to six sessions.\n");

        // Today: no entry at all.
        var entry = Assert.Single(entries);
        Assert.Equal(["How many sessions will I need?", "how often should I come", "number of visits"], entry.Questions);
        Assert.Equal("Most patients feel a change after four to six sessions.", entry.Answer);
    }
}
