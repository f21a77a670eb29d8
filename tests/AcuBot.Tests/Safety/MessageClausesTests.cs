using AcuBot.Bot.Safety;

namespace AcuBot.Tests.Safety;

/// <summary>How a message is cut into the clauses the red-flag net reads one by one.</summary>
public sealed class MessageClausesTests
{
    [Fact]
    public void Sentences_commas_and_joining_words_end_a_clause()
    {
        Assert.Equal(
            ["want to book for my back", "my legs went numb overnight", "is that normal for sciatica"],
            MessageClauses.Of("hi, want to book for my back. also my legs went numb overnight! is that normal for sciatica? thanks"));
        Assert.Equal(["the needles were fine", "i feel dizzy since"], MessageClauses.Of("the needles were fine but i feel dizzy since"));
    }

    [Theory]
    [InlineData("my legs went numb overnight")]   // one clause: the whole message is read already
    [InlineData("hi, thanks, bye")]               // no clause of three words
    [InlineData("")]
    public void A_message_of_one_clause_has_none(string message) => Assert.Empty(MessageClauses.Of(message));

    [Fact]
    public void A_long_message_is_read_by_clauses_only_so_far()
    {
        var essay = string.Join(". ", Enumerable.Range(1, 50).Select(i => $"this is sentence number {i}"));

        var clauses = MessageClauses.Of(essay);

        Assert.Equal(MessageClauses.MaxClauses, clauses.Count);
        Assert.Equal("this is sentence number 1", clauses[0]);
    }

    [Fact]
    public void The_net_reads_neither_a_general_question_among_them_nor_one_clause_alone()
    {
        Assert.Equal(
            ["want to book for my back", "my legs went numb overnight"],
            MessageClauses.ToRead("hi, want to book for my back. also my legs went numb overnight! is that normal for sciatica? thanks"));
        Assert.Empty(MessageClauses.ToRead("is numbness a side effect, can it cause weakness?"));
        Assert.Empty(MessageClauses.ToRead("my legs went numb overnight"));
    }
}
