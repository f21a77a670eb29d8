using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

/// <summary>What a question compares, and whether the articles compare it at all (they compare acupuncture with medication only).</summary>
public class ComparisonTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    [Theory]
    [InlineData("is acupuncture better than physio for a bulging disc?", "physio")]    // the side ends where its purpose begins
    [InlineData("is acupuncture better than going to a chiropractor", "chiropractor")] // "going to a" frames the side
    [InlineData("acupuncture vs just popping ibuprofen", "ibuprofen")]
    [InlineData("yoga or acupuncture, which one's better for backs", "yoga")]
    [InlineData("which is better, acupuncture or massage?", "massage")]
    [InlineData("how does acupuncture compare with physiotherapy", "physiotherapy")]
    [InlineData("what's the difference between dry needling and acupuncture", "dry")]
    [InlineData("would a chiropractor be better than acupuncture", "chiropractor")]     // the side before "better"
    public void The_things_compared_are_found(string question, string compared)
    {
        Assert.Contains(compared, Comparison.ComparedWords(question));
        Assert.DoesNotContain("going", Comparison.ComparedWords(question));
        Assert.DoesNotContain("popping", Comparison.ComparedWords(question));
    }

    [Theory]
    [InlineData("how long before i start to feel better")]                 // "better" without "than"
    [InlineData("do i need more than five sessions")]                       // a number, not a comparison
    [InlineData("is it better than nothing")]                               // compared with nothing named
    [InlineData("how do you say chi, its pronounced different to how its spelt")]
    [InlineData("what are the benefits of acupuncture")]
    public void A_question_that_compares_nothing_named_has_no_compared_words(string question)
    {
        Assert.Empty(Comparison.ComparedWords(question));
    }

    [Theory]
    [InlineData("is acupuncture better than physio?", "physio")]
    [InlineData("acupuncture vs chiropractor, which is better", "chiropractor")]
    [InlineData("is a cortisone injection safer than acupuncture", "cortisone")]
    public void A_comparison_the_articles_never_make_is_named(string question, string uncompared)
    {
        Assert.Contains(uncompared, seed.Index.UncomparedWordsOf(question));
    }

    [Theory]
    [InlineData("is it better than taking painkillers")]                   // the article compares it with medication
    [InlineData("is it gentler than my meds")]                             // a synonym of medication
    [InlineData("what are the advantages compared to just taking ibuprofen")] // a named painkiller (synonyms.txt)
    [InlineData("how long before i feel better")]
    [InlineData("what happens in the first session")]
    public void A_comparison_the_articles_make_or_no_comparison_is_left_to_the_search(string question)
    {
        Assert.Empty(seed.Index.UncomparedWordsOf(question));
    }
}
