using AcuBot.Bot;
using AcuBot.Bot.Safety;

namespace AcuBot.Tests.Safety;

/// <summary>
/// How a pattern matches a message: every "+" group somewhere, any "|" alternative of a group, the
/// words of a phrase in a row, "word*" as a prefix, and one typo in words of five letters or more
/// (never in the first letter). The rule text is the test's own.
/// </summary>
public sealed class RedFlagPhraseMatchingTests
{
    private static bool Flags(string pattern, string message) =>
        RedFlagRules.Parse("[emergency] Test\n" + pattern, out _).Match(new MessageText(message)) is not null;

    [Theory]
    [InlineData("chest pain", "I have chest pain", true)]
    [InlineData("chest pain", "chest pain", true)]
    [InlineData("chest pain", "my chest has pain", false)]
    [InlineData("chest pain", "pain in my chest", false)]
    [InlineData("chest pain", "chest", false)]
    public void The_words_of_a_phrase_must_come_in_a_row(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("legs + numb", "my legs are numb", true)]
    [InlineData("legs + numb", "numb are my legs", true)]
    [InlineData("legs + numb", "my legs hurt", false)]
    [InlineData("legs + numb", "I feel numb", false)]
    [InlineData("legs + numb + worse", "my legs are numb", false)]
    [InlineData("legs + numb + worse", "my legs are numb and worse", true)]
    public void Every_group_of_a_pattern_must_appear_in_any_order(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("legs|feet + numb|weak", "my feet are weak", true)]
    [InlineData("legs|feet + numb|weak", "my legs are numb", true)]
    [InlineData("legs|feet + numb|weak", "my arms are weak", false)]
    [InlineData("bladder | lost control", "I have lost control", true)]
    [InlineData("bladder | lost control", "I have lost my keys", false)]
    public void Any_alternative_of_a_group_will_do(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("numb*", "the numbness spreads", true)]
    [InlineData("numb*", "I am numb", true)]
    [InlineData("numb*", "I am nub", false)]
    [InlineData("numb*", "I feel unnumbed", false)]
    [InlineData("can't feel*", "I cant feeling my toes", true)]
    [InlineData("Can't Feel*", "I CAN'T FEEL my toes", true)]
    [InlineData("can't feel*", "I can feel my toes", false)]
    public void A_star_matches_any_ending_and_phrases_are_written_as_messages_are(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("self-harm", "I want to self-harm", true)]
    [InlineData("self-harm", "I want to self harm", true)]
    [InlineData("self-harm*", "thoughts of self-harming", true)]
    [InlineData("x-ray + back", "my back x-ray showed a break", true)]
    [InlineData("A&E", "should I go to A&E", true)]
    [InlineData("A&E", "should I go to A and E", false)]
    [InlineData("self-harm", "I want to harm myself", false)]
    public void A_word_with_punctuation_in_a_pattern_is_split_as_the_same_word_in_a_message(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("bladder", "my bladdr is weak", true)]      // a letter missing
    [InlineData("bladder", "my bladdder is weak", true)]    // a letter too many
    [InlineData("bladder", "my bladdar is weak", true)]     // a letter wrong
    [InlineData("chest", "my chist hurts", true)]           // five letters: still one typo
    [InlineData("chest", "my chestt hurts", true)]
    [InlineData("bladder", "my bldddr is weak", false)]     // two typos
    [InlineData("bladder", "my bladderrr is weak", false)]
    [InlineData("bladder", "my ladder is weak", false)]     // never the first letter
    [InlineData("bladder", "my gladder is weak", false)]
    [InlineData("pain", "my pail hurts", false)]            // four letters: exact only
    [InlineData("pain", "my paint hurts", false)]
    [InlineData("pain", "my pain hurts", true)]
    public void Words_of_five_letters_or_more_allow_one_typo_but_never_in_the_first_letter(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("choking", "my back hurts when i am cooking", false)]   // another English word is no typo
    [InlineData("booted + back", "i booked in for my back", false)]
    [InlineData("fainted", "im a bit of a fainter, will i feel dizzy", false)] // a form of an English word ("faint") is no typo either
    [InlineData("fainted", "she faintd in the kitchen", true)]                  // a typo still is
    [InlineData("lost + kg + without trying", "lost 8kg without trying", true)]  // a number and its unit are two words
    [InlineData("kneed + back", "my knee and back hurt", false)]
    [InlineData("dying", "what am i doing wrong", false)]
    [InlineData("choking", "i think hes chokking", true)]               // no word: a typo
    [InlineData("cant breathe", "i cant breath", true)]                 // the same word without its final e
    [InlineData("chills + back", "can it chill me out, my back aches", false)] // a final s is another word
    public void A_message_word_that_is_another_English_word_is_not_read_as_a_typo(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("back + killing me", "my back's killing me", true)]  // a possessive or "is", apostrophe gone
    [InlineData("back + killing me", "my backs killing me", true)]
    [InlineData("pain", "my pains hurt", true)]                      // a plural
    [InlineData("leg + numb", "both legs numb", true)]
    [InlineData("back + killing me", "my backup is killing me", false)]
    [InlineData("a fall + back", "as fall comes my back aches", false)]  // not the words a phrase is glued with
    [InlineData("taken* + loads of + tablets", "she takes loads of tablets", false)] // a star word allows no typo
    public void A_word_with_an_s_added_matches_as_a_plural_or_a_possessive(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Theory]
    [InlineData("chest + * + pain", "chest pain", true)]
    [InlineData("chest + |  | + pain", "chest pain", true)]
    [InlineData("chest|*|pain + hurts", "my pain hurts", true)]
    [InlineData("chest|*|pain + hurts", "my arm hurts", false)]
    [InlineData("chest + !!! pain", "chest pain", true)]
    [InlineData("chest + !!! pain", "chest ache", false)]
    public void Empty_groups_and_alternatives_are_ignored_not_impossible(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));

    [Fact]
    public void A_pattern_that_begins_with_a_negation_word_is_not_a_denial_of_itself()
    {
        Assert.True(Flags("no feeling + legs", "I have no feeling in my legs"));
        Assert.False(Flags("no feeling + legs", "I have feeling in my legs"));
    }

    [Theory]
    [InlineData("zebra", "zebra crossing", true)]
    [InlineData("apple + zebra", "a zebra ate an apple", true)]
    [InlineData("apple|zebra + yak", "yak and zebra", true)]
    [InlineData("apple|zebra + yak", "yak and apple", true)]
    [InlineData("apple|zebra + yak", "yak and mango", false)]
    [InlineData("7 days", "for 7 days now", true)]
    public void Letters_and_digits_anywhere_in_the_alphabet_start_a_match(string pattern, string message, bool flagged) =>
        Assert.Equal(flagged, Flags(pattern, message));
}
