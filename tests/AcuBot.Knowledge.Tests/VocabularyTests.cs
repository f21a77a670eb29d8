using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

/// <summary>
/// Spelling correction and term weights of the vocabulary an index builds from its passages.
/// <see cref="Vocabulary.Correct"/> takes a word as written and returns the stem of the nearest known word.
/// </summary>
public class VocabularyTests
{
    private static readonly PassageAnalyzer Analyzer = new();

    private static string Stem(string word) => Assert.Single(Analyzer.Terms(word));

    private static Vocabulary VocabularyOf(string text)
    {
        using var index = TestKnowledge.IndexOf(text);
        return index.Vocabulary;
    }

    private static readonly Vocabulary Needles = VocabularyOf(
        "Needles\nThe needles are thin.\nA pin is a small needle.\nSome bruising may appear.\nAcupuncture is an old practice.\n");

    [Fact]
    public void Known_word_is_not_corrected()
    {
        Assert.Null(Needles.Correct("needles"));
        Assert.Null(Needles.Correct("bruising"));
    }

    [Fact]
    public void Very_short_words_are_not_corrected()
    {
        Assert.Null(Needles.Correct("pim"));
    }

    [Fact]
    public void One_substitution_insertion_or_deletion_is_corrected_to_the_stem_of_the_known_word()
    {
        Assert.Equal(Stem("needles"), Needles.Correct("neddles"));   // substitution
        Assert.Equal(Stem("needles"), Needles.Correct("needdles"));  // insertion
        Assert.Equal(Stem("bruising"), Needles.Correct("brusing"));  // deletion
    }

    [Fact]
    public void Swap_of_neighbouring_letters_counts_as_one_edit()
    {
        // "nedeles" is two edits from "needles" by Levenshtein, one swap by optimal string alignment.
        Assert.Equal(Stem("needles"), Needles.Correct("nedeles"));
    }

    [Fact]
    public void Two_edits_are_not_corrected_in_a_seven_letter_word()
    {
        Assert.Null(Needles.Correct("naddles"));
    }

    [Fact]
    public void Two_edits_are_corrected_in_a_long_word_but_three_are_not()
    {
        Assert.Equal(Stem("acupuncture"), Needles.Correct("akupuncure"));  // one substitution, one deletion
        Assert.Null(Needles.Correct("akupunkure"));                         // three edits
    }

    [Fact]
    public void First_letter_must_agree()
    {
        Assert.Null(Needles.Correct("druising"));
    }

    [Fact]
    public void Unrelated_word_is_not_corrected_and_asking_again_gives_the_same_answer()
    {
        Assert.Null(Needles.Correct("diabetes"));
        Assert.Null(Needles.Correct("diabetes"));
        Assert.Equal(Stem("needles"), Needles.Correct("neddles"));
        Assert.Equal(Stem("needles"), Needles.Correct("neddles"));
    }

    [Fact]
    public void Tie_at_the_same_distance_goes_to_the_more_frequent_term()
    {
        var pains = VocabularyOf("Notes\nPains come and go.\nPains can last.\nOld pains return.\nPairs of needles.\n");
        var pairs = VocabularyOf("Notes\nPairs of needles.\nPairs of pins.\nThree pairs here.\nPains come and go.\n");

        Assert.Equal(Stem("pains"), pains.Correct("paixs"));
        Assert.Equal(Stem("pairs"), pairs.Correct("paixs"));
    }

    [Fact]
    public void Nearer_word_wins_over_a_more_frequent_farther_one()
    {
        var vocabulary = VocabularyOf("Notes\nStillness helps.\nStillness calms.\nStillness rests.\nStiffness eases.\n");

        Assert.Equal(Stem("stiffness"), vocabulary.Correct("stifness")); // one edit; "stillness" is two
    }

    [Fact]
    public void Rare_terms_weigh_more_than_common_ones_and_unknown_terms_weigh_the_most()
    {
        var common = Stem("acupuncture");
        var rare = Stem("endorphins");
        var vocabulary = VocabularyOf(
            "Notes\nAcupuncture helps.\nAcupuncture is old.\nAcupuncture releases endorphins.\nPins are thin.\n");

        Assert.Equal(3, vocabulary.DocumentFrequency(common));
        Assert.Equal(1, vocabulary.DocumentFrequency(rare));
        Assert.Equal(0, vocabulary.DocumentFrequency("diabet"));
        Assert.True(vocabulary.Weight(rare) > vocabulary.Weight(common));
        Assert.True(vocabulary.Weight(common) > 0);
        Assert.Equal(vocabulary.MaxWeight, vocabulary.Weight("diabet"));
        Assert.True(vocabulary.MaxWeight > vocabulary.Weight(rare));
        Assert.Equal(4, vocabulary.PassageCount);
    }
}
