using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Tests;

public class ForeignClausesTests
{
    [Theory]
    [InlineData("jak długo trwa zabieg? how long do the needles stay in", "zabieg")]
    [InlineData("Czy to jest bezpieczne? Is it safe for me?", "bezpieczne")]
    [InlineData("el primer día, qué pasa? what happens on the first day", "pasa")]
    [InlineData("mujhe kamar mein dard hai. can acupuncture help my back", "kamar")]
    [InlineData("腰痛が酷いです。 does acupuncture help lower back pain", "腰痛が酷いです")]
    public void A_clause_in_another_language_beside_an_English_one_is_found(string message, string foreignWord)
    {
        var words = ForeignClauses.WordsOf(message);

        Assert.Contains(foreignWord, words);
        Assert.DoesNotContain("needles", words);
        Assert.DoesNotContain("acupuncture", words);
        Assert.DoesNotContain("happens", words);
    }

    [Theory]
    [InlineData("¿Cuánto cuesta una sesión de acupuntura?")] // nothing in English is left to carry the question
    [InlineData("can acupuncture help fibromyalgia, sciatica or spondylolisthesis?")] // rare English words, no mark of another language
    [InlineData("is it ok to have acupuncture and then go to a café?")] // one accented word in an English clause
    [InlineData("I take co-codamol. can I still have acupuncture?")]
    [InlineData("how long do the needles stay in")]
    public void A_message_in_English_or_wholly_in_another_language_keeps_its_words(string message)
    {
        Assert.Empty(ForeignClauses.WordsOf(message));
    }
}
