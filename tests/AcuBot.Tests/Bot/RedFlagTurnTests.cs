using AcuBot.Tests.Support;

namespace AcuBot.Tests.Bot;

public class RedFlagTurnTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("I've lost control of my bladder and my back is killing me")]
    [InlineData("numbness in my groin since yesterday")]
    [InlineData("my legs keep getting weaker and weaker")]
    [InlineData("I fell down the stairs and my back hurts a lot")]
    [InlineData("I have a fever and terrible back pain")]
    [InlineData("my chest feels tight and heavy")]
    [InlineData("my wife collapsed")]
    public async Task Emergencies_get_the_emergency_number_first(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.StartsWith("**This could be a medical emergency.** Please call **911**", reply.Text);
        Assert.Contains("555-0134", reply.Text); // then the clinic
        Assert.Contains(RepoPaths.Disclaimer, reply.Text);
    }

    [Theory]
    [InlineData("I want to end my life")]
    [InlineData("i keep thinking about suicide")]
    [InlineData("sometimes I want to hurt myself on purpose")]
    public async Task A_crisis_gets_the_crisis_line_first(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.Contains("988", reply.Text.Split("\n")[0]);
    }

    /// <summary>The kinds of phrasing that held-out sets showed the first rules missing (issue "Understanding patients").</summary>
    [Theory]
    [InlineData("I'm going to hurt myself")]
    [InlineData("I don't want to live anymore")]
    [InlineData("thinking about ending it all")]
    [InlineData("I don't want to be here anymore")]
    [InlineData("everyone would be better off without me")]
    [InlineData("honestly what is the point in carrying on")]
    public async Task Intent_passive_and_indirect_crisis_phrasing_gets_the_crisis_line_first(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.Contains("988", reply.Text.Split("\n")[0]);
    }

    [Theory]
    [InlineData("I took too many pills")]
    [InlineData("i wet myself and my back is killing me")]
    [InlineData("I'm losing feeling in both legs and it's getting worse")]
    [InlineData("got rear ended on the motorway and my back has hurt since")]
    [InlineData("stool comes out on its own since my back went")]
    [InlineData("since my back went I feel nothing down below when I wipe")]
    public async Task Overdose_incontinence_in_everyday_words_and_progressive_loss_of_feeling_are_emergencies(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.StartsWith("**This could be a medical emergency.**", reply.Text);
    }

    [Theory]
    [InlineData("I hurt myself lifting boxes last year, would acupuncture help?")]
    [InlineData("is it going to hurt me?")]
    [InlineData("should I keep taking all my medication during treatment?")]
    [InlineData("I've had back pain for years")]
    [InlineData("I'm scared of needles")]
    [InlineData("my sister swears by it, does it hurt much?")] // "swears" is one letter from "sweats"
    public async Task Ordinary_messages_close_to_a_red_flag_are_answered_normally(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.NotEqual("urgent", reply.Kind);
    }

    [Theory]
    [InlineData("Can acupuncture cause chest pain?")]
    [InlineData("is numbness in the groin a side effect of acupuncture?")]
    [InlineData("I don't have chest pain, but does acupuncture hurt?")]
    public async Task Questions_about_a_symptom_and_denials_are_answered_normally(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.NotEqual("urgent", reply.Kind);
    }

    [Fact]
    public async Task A_red_flag_wins_over_an_answerable_question()
    {
        var reply = await fixture.Bot.AskAsync("Does acupuncture hurt? I also can't control my bowels since this morning");

        Assert.Equal("urgent", reply.Kind);
    }
}
