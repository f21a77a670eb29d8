using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Tests.Embeddings;

/// <summary>The word list read from the sentence model's package: real words in, typos and word pieces out.</summary>
public sealed class EnglishWordsTests
{
    [Fact]
    public void The_model_package_ships_a_list_of_twenty_thousand_words()
    {
        Assert.InRange(EnglishWords.Count, 20_000, 30_000);
    }

    [Theory]
    [InlineData("cooking")]
    [InlineData("booked")]
    [InlineData("knee")]
    [InlineData("breath")]
    public void Everyday_words_are_words(string word) => Assert.True(EnglishWords.Contains(word));

    [Theory]
    [InlineData("bladdr")]
    [InlineData("numbess")]
    [InlineData("##ing")] // a word piece
    [InlineData("[CLS]")]  // a mark of the model
    [InlineData("a")]      // single letters are left out
    public void Typos_word_pieces_and_marks_are_not(string word) => Assert.False(EnglishWords.Contains(word));

    [Theory]
    [InlineData("fainter")]  // faint + er
    [InlineData("stopped")]  // a doubled last letter
    [InlineData("hoping")]   // a final e gone
    [InlineData("knees")]
    public void Forms_of_a_word_are_words_too(string word) => Assert.True(EnglishWords.IsWordOrForm(word));

    [Theory]
    [InlineData("bladdr")]
    [InlineData("chokng")]
    [InlineData("numbnes")]
    public void Typos_are_no_form_of_a_word(string word) => Assert.False(EnglishWords.IsWordOrForm(word));
}
