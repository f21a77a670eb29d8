using AcuBot.Bot;
using AcuBot.Bot.Safety;

namespace AcuBot.Tests.Safety;

/// <summary>
/// The two word lists of the red-flag patterns, one word at a time: each negation word turns a named
/// symptom into a denial, and each person word turns a general question into a patient's own. The rule
/// text is the test's own, so that edits to knowledge/red-flags.txt do not move these tests.
/// </summary>
public sealed class RedFlagWordListTests
{
    private static readonly RedFlagRules ChestPain = RedFlagRules.Parse("[emergency] Chest pain\nchest pain", out _);

    public static TheoryData<string> NegationWords { get; } =
        ["no", "not", "never", "dont", "doesnt", "didnt", "havent", "hasnt", "isnt", "arent", "wasnt", "without", "nor", "none"];

    public static TheoryData<string> PersonWords { get; } =
    [
        "i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "our", "us", "he", "she", "his", "her", "him",
        "hes", "shes", "husband", "wife", "partner", "son", "daughter", "dad", "mum", "mom", "mother", "father",
        "friend", "child", "baby", "someone", "somebody", "brother", "sister", "grandma", "grandad", "grandpa",
    ];

    [Theory]
    [MemberData(nameof(NegationWords))]
    public void Each_negation_word_just_before_a_symptom_makes_it_a_denial(string negation)
    {
        Assert.Null(ChestPain.Match(new MessageText($"{negation} chest pain here")));
        Assert.Null(ChestPain.Match(new MessageText($"{negation} real chest pain")));
        Assert.NotNull(ChestPain.Match(new MessageText("real chest pain here")));
    }

    [Theory]
    [MemberData(nameof(NegationWords))]
    public void A_negation_word_counts_up_to_three_words_before_the_symptom_and_not_after_it(string negation)
    {
        Assert.Null(ChestPain.Match(new MessageText($"{negation} sharp and chest pain")));
        Assert.NotNull(ChestPain.Match(new MessageText($"{negation} sharp and sudden chest pain")));
        Assert.NotNull(ChestPain.Match(new MessageText($"chest pain {negation}")));
    }

    [Theory]
    [MemberData(nameof(PersonWords))]
    public void Each_person_word_makes_a_question_about_a_symptom_a_patients_own(string person)
    {
        var question = new MessageText($"does {person} get chest pain?");

        Assert.False(RedFlagRules.IsGeneralQuestion(question));
        Assert.NotNull(ChestPain.Match(question));
    }

    [Theory]
    [InlineData("can acupuncture cause chest pain?")]
    [InlineData("Is chest pain common after needling")]
    [InlineData("could the treatment give you chest pain?")]
    public void A_question_about_the_treatment_with_no_person_in_it_is_a_general_question_and_not_a_red_flag(string text)
    {
        var question = new MessageText(text);

        Assert.True(RedFlagRules.IsGeneralQuestion(question));
        Assert.Null(ChestPain.Match(question));
    }

    [Theory]
    [InlineData("what does chest pain mean")]
    [InlineData("is it normal to get chest pain with back ache?")]
    public void A_question_that_names_no_treatment_is_read_as_the_patients_own(string text)
    {
        // "is it normal to have back pain with night sweats and fever": the patient's symptoms, asked as a question.
        Assert.NotNull(ChestPain.Match(new MessageText(text)));
    }

    [Theory]
    [InlineData("chest pain")]
    [InlineData("the patient mentions chest pain")]
    public void A_statement_is_never_a_general_question_even_without_a_person(string text)
    {
        Assert.False(RedFlagRules.IsGeneralQuestion(new MessageText(text)));
        Assert.NotNull(ChestPain.Match(new MessageText(text)));
    }
}
