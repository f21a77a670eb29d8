using AcuBot.Knowledge.Search;

namespace AcuBot.Knowledge.Tests;

/// <summary>
/// Spelling correction and term weights. EditDistance is internal, so its behaviour (including swaps of
/// neighbouring letters) is checked through <see cref="Vocabulary.Correct"/>.
/// </summary>
public class VocabularyTests
{
    private static Vocabulary Of(params (string Term, int Frequency)[] terms) =>
        new(terms.ToDictionary(t => t.Term, t => t.Frequency), passageCount: 10);

    [Fact]
    public void Known_term_is_not_corrected()
    {
        Assert.Null(Of(("needl", 3), ("need", 1)).Correct("needl"));
    }

    [Fact]
    public void Terms_shorter_than_four_letters_are_not_corrected()
    {
        Assert.Null(Of(("pin", 1)).Correct("pon"));
    }

    [Fact]
    public void One_substitution_insertion_or_deletion_is_corrected_in_a_short_term()
    {
        var vocabulary = Of(("needl", 3));

        Assert.Equal("needl", vocabulary.Correct("neddl"));  // substitution
        Assert.Equal("needl", vocabulary.Correct("nedl"));   // deletion
        Assert.Equal("needl", vocabulary.Correct("neeedl")); // insertion
    }

    [Fact]
    public void Swap_of_neighbouring_letters_counts_as_one_edit()
    {
        // "nedel" is two edits from "needl" by Levenshtein but one swap by optimal string alignment.
        Assert.Equal("needl", Of(("needl", 3)).Correct("nedel"));
    }

    [Fact]
    public void Two_edits_are_not_corrected_below_seven_letters()
    {
        Assert.Null(Of(("needl", 3)).Correct("nadel"));   // five letters, two substitutions
        Assert.Null(Of(("relief", 3)).Correct("rilef"));  // five letters, two edits
    }

    [Fact]
    public void Two_edits_are_corrected_from_seven_letters_on_but_three_are_not()
    {
        var vocabulary = Of(("acupunctur", 20));

        Assert.Equal("acupunctur", vocabulary.Correct("akupunctr"));  // one substitution, one deletion
        Assert.Null(vocabulary.Correct("akupinctr"));                  // three edits
    }

    [Fact]
    public void Nearest_term_wins_over_a_more_frequent_farther_one()
    {
        Assert.Equal("session", Of(("session", 1), ("sessions", 50), ("passion", 90)).Correct("sesion"));
    }

    [Fact]
    public void Tie_at_the_same_distance_goes_to_the_more_frequent_term_whatever_the_order()
    {
        Assert.Equal("pain", Of(("pain", 5), ("pail", 1)).Correct("paim"));
        Assert.Equal("pail", Of(("pain", 1), ("pail", 5)).Correct("paim"));
        Assert.Equal("pail", Of(("pail", 5), ("pain", 1)).Correct("paim"));
    }

    [Fact]
    public void First_letter_must_agree_so_a_one_letter_typo_there_is_not_corrected()
    {
        var vocabulary = Of(("most", 9), ("cast", 1));

        Assert.Equal("cast", vocabulary.Correct("cost"));
        Assert.Null(vocabulary.Correct("gost"));
    }

    [Fact]
    public void Nothing_close_enough_gives_null_and_asking_again_gives_the_same_answers()
    {
        var vocabulary = Of(("needl", 3), ("acupunctur", 20));

        Assert.Null(vocabulary.Correct("diabet"));
        Assert.Null(vocabulary.Correct("diabet"));
        Assert.Equal("needl", vocabulary.Correct("neddl"));
        Assert.Equal("needl", vocabulary.Correct("neddl"));
    }

    [Fact]
    public void Rare_terms_weigh_more_than_common_ones_and_unknown_terms_weigh_the_most()
    {
        var vocabulary = Of(("acupunctur", 10), ("endorphin", 1));

        Assert.True(vocabulary.Weight("endorphin") > vocabulary.Weight("acupunctur"));
        Assert.True(vocabulary.Weight("acupunctur") > 0);
        Assert.Equal(vocabulary.MaxWeight, vocabulary.Weight("diabet"));
        Assert.True(vocabulary.MaxWeight > vocabulary.Weight("endorphin"));
        Assert.Equal(2, vocabulary.Count);
        Assert.Equal(1, vocabulary.DocumentFrequency("endorphin"));
        Assert.Equal(0, vocabulary.DocumentFrequency("diabet"));
    }
}
