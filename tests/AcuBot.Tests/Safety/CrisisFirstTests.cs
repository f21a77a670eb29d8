using AcuBot.Bot;
using AcuBot.Bot.Safety;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Safety;

/// <summary>
/// Crisis rules matter most: they are checked before the emergency rules wherever the file lists them,
/// and they read every message, questions and denials included.
/// </summary>
public sealed class CrisisFirstTests
{
    // Emergency first in the text, as in the shipped file: the order of the file must not decide.
    private const string Rules = """
        [emergency] Back pain after a fall
        fell + back
        e.g. I fell down the stairs and hurt my back
        [crisis] Thoughts of suicide
        kill myself|end it all
        e.g. I want to kill myself
        e.g. I want to end it all
        """;

    private static readonly RedFlagRules Parsed = RedFlagRules.Parse(Rules, out _);

    [Fact]
    public void A_crisis_that_also_names_an_emergency_gets_the_crisis_rule()
    {
        var match = Parsed.Match(new MessageText("I fell and hurt my back and now I want to kill myself"));

        Assert.Equal(new RedFlagMatch(RedFlagCategory.Crisis, "Thoughts of suicide"), match);
    }

    [Fact]
    public void A_crisis_that_also_names_an_emergency_gets_the_crisis_line_first_with_the_shipped_rules()
    {
        var shipped = RedFlagRules.Parse(File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "red-flags.txt")), out _);

        var match = shipped.Match(new MessageText("I fell off a ladder and hurt my back and I want to kill myself"));

        Assert.Equal(RedFlagCategory.Crisis, match?.Category);
    }

    [Fact]
    public void The_examples_of_crisis_rules_come_first()
    {
        Assert.Equal(
            [(RedFlagCategory.Crisis, "I want to kill myself"), (RedFlagCategory.Crisis, "I want to end it all"), (RedFlagCategory.Emergency, "I fell down the stairs and hurt my back")],
            Parsed.Examples.Select(e => (e.Flag.Category, e.Text)));
        Assert.Equal("Thoughts of suicide", Parsed.Examples[0].Flag.Description);
    }

    [Theory]
    [InlineData("what does it mean to end it all?")]
    [InlineData("what if I kill myself?")]
    [InlineData("I don't want to kill myself but I think about it")]
    [InlineData("I'm not going to end it all, am I?")]
    public void A_crisis_rule_reads_questions_and_denials_too(string text)
    {
        Assert.Equal(RedFlagCategory.Crisis, Parsed.Match(new MessageText(text))?.Category);
    }

    [Theory]
    [InlineData("what if someone fell on their back?")]
    [InlineData("I fell on my back")]
    [InlineData("fell on the back")]
    public void An_emergency_rule_flags_a_patients_own_question_or_statement(string text)
    {
        Assert.Equal(RedFlagCategory.Emergency, Parsed.Match(new MessageText(text))?.Category);
    }

    [Theory]
    [InlineData("I never fell on my back")]
    [InlineData("what happens to the back after acupuncture when a person fell?")]
    public void An_emergency_rule_skips_denials_and_general_questions(string text)
    {
        Assert.Null(Parsed.Match(new MessageText(text)));
    }

    [Fact]
    public void A_message_without_words_is_not_a_red_flag()
    {
        Assert.Null(Parsed.Match(new MessageText("")));
        Assert.Null(Parsed.Match(new MessageText("?!")));
    }
}
