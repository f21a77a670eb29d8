using AcuBot.Knowledge;
using AcuBot.Tests.Bot;
using AcuBot.Unanswered;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Unanswered;

public class UnansweredGroupsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static UnansweredSummary Asked(string question, int count, int firstDay, int lastDay) =>
        new(question, count, Monday.AddDays(lastDay), null) { FirstAsked = Monday.AddDays(firstDay) };

    private static readonly UnansweredSummary[] Log =
    [
        Asked("What are your opening hours?", 3, 0, 4),
        Asked("When are you open?", 2, 1, 6),
        Asked("Can I park at the clinic?", 2, 2, 2),
        Asked("Is there parking?", 1, 5, 5),
        Asked("Do you accept insurance?", 1, 3, 3),
    ];

    [Fact]
    public async Task With_the_sentence_model_wordings_of_one_question_are_one_group()
    {
        using var bot = new BotUnderTest();
        var embedder = bot.Host.Services.GetRequiredService<SentenceModel>().Embedder;
        Assert.NotNull(embedder);

        var groups = await UnansweredGroups.GroupAsync(Log, embedder);

        Assert.Equal(3, groups.Count);
        var hours = groups[0];
        Assert.Equal("What are your opening hours?", hours.Question);
        Assert.Equal(["When are you open?"], hours.OtherWordings);
        Assert.Equal(5, hours.Count);
        Assert.Equal(Monday, hours.FirstAsked);
        Assert.Equal(Monday.AddDays(6), hours.LastAsked);
        var parking = groups[1];
        Assert.Equal(("Can I park at the clinic?", 3), (parking.Question, parking.Count));
        Assert.Equal(["Is there parking?"], parking.OtherWordings);
        Assert.Equal("Do you accept insurance?", groups[2].Question);
    }

    [Fact]
    public async Task Without_the_model_wordings_sharing_their_words_are_grouped()
    {
        UnansweredSummary[] log = [Asked("What are your opening hours?", 2, 0, 1), Asked("opening hours?", 1, 2, 2), Asked("When are you open?", 1, 3, 3)];

        var groups = await UnansweredGroups.GroupAsync(log, embedder: null);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["opening hours?"], groups[0].OtherWordings);
        Assert.Equal(3, groups[0].Count);
    }

    [Fact]
    public void A_group_becomes_a_faq_entry_that_cannot_break_the_file()
    {
        var group = new UnansweredGroup("do you open on saturdays", ["weekend hours | times", "## sunday?"], 4, Monday, Monday, null);

        Assert.Equal("## Do you open on saturdays?\nAlso asked: weekend hours / times | sunday?\n\n" + FaqEntry.AnswerPlaceholder + "\n", FaqEntry.For(group));
    }
}
