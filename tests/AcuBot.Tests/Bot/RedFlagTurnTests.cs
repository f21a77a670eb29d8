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
    [InlineData("she says she'd sooner die than go on like this")]       // a death wish, another person's
    [InlineData("i keep picturing steering into a tree so it all stops")] // a way of dying, pictured
    [InlineData("been thinking of jumping from the car park roof")]
    [InlineData("to be honest i'm sick of living")]                       // weary of life
    [InlineData("been reading about ways to die that wouldn't hurt")]     // looking up ways
    [InlineData("i've decided how i'm going to do it")]                    // a plan, never named
    [InlineData("my son said goodbye on the phone and told me he took pills")]
    [InlineData("what does it matter, no one would miss me anyway")]      // unmissed
    [InlineData("some days i just want to vanish for good")]              // disappearing, for ever
    [InlineData("my dad has been talking about taking his own life")]     // someone else's, in the third person
    [InlineData("been googling how many tablets it takes to not wake up")] // looking up a dose
    [InlineData("started cutting again last week, will the needles be a problem?")] // self-harm come back, then a question
    [InlineData("can i still get an appointment? ive wrote letters for my kids just in case")] // farewell letters inside a booking
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
    [InlineData("swallowed an entire box of my naproxen earlier, back was unbearable")]
    [InlineData("was elbowed in the spine at basketball and it hurts to breathe")]
    [InlineData("both my feet went numb overnight, is that ok before my appointment?")] // sudden, asked as a question
    [InlineData("i can't honestly feel my legs since this morning")]   // a word of stress inside the phrase
    [InlineData("my flatmate has taken something and now she won't wake up")]
    [InlineData("both feet going numb and weak, can i still have acupuncture for that?")] // the symptom first, then a question
    [InlineData("fell off my horse on sunday and my back is getting more painful")]
    [InlineData("my husband's feet are more numb every day and he can't stand up without help")] // worse by the day
    [InlineData("is it normal to have a high temperature and shivers with my back pain?")]      // a symptom asked as a question
    [InlineData("he keeps messing himself since his back went")]                                // incontinence, everyday words
    [InlineData("my left foot slaps the floor now when i walk")]                                 // foot drop, never named
    [InlineData("back is agony and i haven't been able to pee all day")]                          // retention
    [InlineData("took a big hit at football last night and my back is in bits")]                 // a tackle, in other words
    [InlineData("my foot keeps catching on the pavement and my back is sore")]                   // foot drop, described
    [InlineData("i took a load of my dad's sleeping tablets")]                                   // "a load of", not "loads of"
    [InlineData("been finding it hard to wee for two days now and my lower back is awful")]       // retention, said softly
    [InlineData("booked in for thursday, btw my legs gave out again on the stairs this morning")] // legs giving way, again
    public async Task Overdose_incontinence_in_everyday_words_and_progressive_loss_of_feeling_are_emergencies(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.StartsWith("**This could be a medical emergency.**", reply.Text);
    }

    /// <summary>Warning signs of suicide, in words no crisis pattern had before: arrangements for when one is gone.</summary>
    [Theory]
    [InlineData("I've started giving my things away to friends, I won't need them")]
    [InlineData("wrote a note for my family for after I'm gone")]
    [InlineData("been saving up my tablets, I know what I'll do with them")]
    [InlineData("my family would be happier if I wasn't around")]
    [InlineData("found out my sister is harming herself again")]
    [InlineData("my dad keeps saying he doesn't want to be alive with this pain")]   // about someone else
    [InlineData("cant see myself still being here by the summer")]                   // not being around, in other words
    [InlineData("tonight im taking every tablet i have left")]                       // an overdose intended
    public async Task Warning_signs_of_suicide_get_the_crisis_line_first(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.Contains("988", reply.Text.Split("\n")[0]);
    }

    /// <summary>Signs of a serious cause (a cancer, an infection) to rule out: a doctor today, before any acupuncture.</summary>
    [Theory]
    [InlineData("I've dropped two stone without dieting and my back aches day and night")]
    [InlineData("had bowel cancer three years ago and this back pain started recently")]
    [InlineData("in remission from lymphoma and my back started hurting last month")]
    [InlineData("the ache in my spine keeps me awake and no position helps")]
    [InlineData("my back wakes me every night and nothing i take touches it")]                    // night pain
    [InlineData("my jeans are loose and i'm not dieting, plus this nagging back ache")]   // weight lost, never named
    [InlineData("my pee has been pink since my back started aching on one side")]
    [InlineData("down 6kg since march without trying and my spine aches all day")]   // a number and its unit typed as one word
    public async Task Signs_of_a_serious_cause_ask_for_a_doctor_today(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
        Assert.StartsWith("**Please see a doctor about this today.**", reply.Text);
        Assert.Contains("911", reply.Text); // if it suddenly gets worse
        Assert.Contains(RepoPaths.Disclaimer, reply.Text);
    }

    [Theory]
    [InlineData("I hurt myself lifting boxes last year, would acupuncture help?")]
    [InlineData("can acupuncture help me lose weight?")]
    [InlineData("I'm on a diet and have lost a stone, can I still have acupuncture?")]
    [InlineData("my dad had cauda equina two years ago and he's fine now, is it common?")]
    [InlineData("broke my back in 2009, all healed, would acupuncture help the stiffness?")]
    [InlineData("is heat or ice better for a strained back?")]
    [InlineData("is it going to hurt me?")]
    [InlineData("should I keep taking all my medication during treatment?")]
    [InlineData("I've had back pain for years")]
    [InlineData("I'm scared of needles")]
    [InlineData("my sister swears by it, does it hurt much?")] // "swears" is one letter from "sweats"
    [InlineData("I had a whole packet of biscuits before my session, is that ok?")]
    [InlineData("fractured my wrist two years back, fully mended now, does acupuncture help old injuries")]
    [InlineData("does my back pain at night mean I should sleep on a firmer mattress?")]
    [InlineData("i really don't want to go on strong painkillers, is acupuncture an option?")] // "go on" a drug
    [InlineData("I've taken something for the pain already, can I still come in?")]
    [InlineData("my feet went numb from kneeling in the garden, back to normal now. do the needles hurt?")]
    [InlineData("if I want to stop halfway, is it ok to end it early?")]
    [InlineData("i was cooking dinner when my back went, will acupuncture help?")]   // "cooking" is no typo of "choking"
    [InlineData("will it help me chill out? my back goes tight when im stressed")]   // "chill" is not "chills"
    [InlineData("how many painkillers can i take on the day of my session?")]        // a dose question, not a plan
    [InlineData("my knee and lower back ache, can acupuncture do both?")]          // nor "knee" of "kneed"
    [InlineData("i booked in for my back last week, what should i bring?")]        // nor "booked" of "booted"
    [InlineData("never done this before, can you walk me through it?")]             // "do it" as a first-timer means it
    public async Task Ordinary_messages_close_to_a_red_flag_are_answered_normally(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.NotEqual("urgent", reply.Kind);
    }

    /// <summary>A question about a symptom, then what is happening now: the patient's own symptom, not a general question.</summary>
    [Theory]
    [InlineData("can back pain spread to your chest? it's a tight pressure and it has lasted half an hour")]
    [InlineData("is numbness in the groin a side effect of acupuncture? started this morning after the session")]
    public async Task A_question_followed_by_what_is_happening_now_is_not_a_general_question(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("urgent", reply.Kind);
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
