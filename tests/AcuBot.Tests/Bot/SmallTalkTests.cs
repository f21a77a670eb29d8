namespace AcuBot.Tests.Bot;

public class SmallTalkTests(TurnFixture fixture) : IClassFixture<TurnFixture>
{
    [Theory]
    [InlineData("cheers, bye", "Goodbye")]
    [InlineData("hlep", "I answer questions")]                          // a typo of "help"
    [InlineData("gd mornin", "Hello")]                                   // text-speak
    [InlineData("thanks pal", "You're welcome")]
    [InlineData("is anyone awake", "I'm")]
    [InlineData("sorry for messaging so late", "Hello")]                 // an aside alone opens a conversation
    [InlineData("what am i meant to ask you", "I answer questions")]
    [InlineData("what i must do here?", "I answer questions")]          // second-language word order
    [InlineData("ok thanks that helps", "You're welcome")]
    [InlineData("ta", "You're welcome")]
    [InlineData("nice one, thank you so much", "You're welcome")]
    [InlineData("hi, thanks", "You're welcome")]
    [InlineData("can you help me", "I answer questions")]
    [InlineData("what sort of questions can i ask you", "I answer questions")]
    [InlineData("nighty night", "Goodbye")]
    [InlineData("afternoon all", "Hello")]
    [InlineData("hullo there", "Hello")]
    [InlineData("okay", "You're welcome")]
    [InlineData("bye, god bless", "Goodbye")]
    [InlineData("whats this thing", "I'm")]
    [InlineData("heyyy", "Hello")]                // a letter held down
    [InlineData("thanksss so much", "You're welcome")]
    [InlineData("brilliant", "You're welcome")]   // an acknowledgement alone
    [InlineData("oh great", "You're welcome")]
    [InlineData("hi? anybody around", "I'm")]     // is someone there
    [InlineData("r u a real person", "I'm")]
    [InlineData("haha ok", "You're welcome")]
    [InlineData("thanx", "You're welcome")]
    [InlineData("how does this bot work", "I answer questions")]
    [InlineData("who r u", "I'm")]                // text-speak
    [InlineData("what can u help me with", "I answer questions")]
    [InlineData("help me pls", "I answer questions")]
    [InlineData("please help", "I answer questions")]
    [InlineData("nice talking to you", "Goodbye")]
    [InlineData("gud nite", "Goodbye")]
    [InlineData("lovely chatting with you, bye", "Goodbye")]
    [InlineData("thanks xx", "You're welcome")]                   // kisses
    [InlineData("most kind, thank you", "You're welcome")]
    [InlineData("morning, hope you're well", "Hello")]
    [InlineData("hey hows things", "Hello")]
    [InlineData("\U0001F44B", "Hello")]                            // a wave, and nothing else
    [InlineData("\U0001F44D", "You're welcome")]                   // a thumbs-up
    [InlineData("sorry my english is bad, can you help me", "I answer questions")]
    [InlineData("hi can you help me please", "I answer questions")]
    [InlineData("so what are you actually", "I'm")]
    [InlineData("how does this chat bot work", "I answer questions")]
    [InlineData("may i ask what services this chat offers", "I answer questions")]
    [InlineData("ok catch ya later", "Goodbye")]
    [InlineData("youve been a great help, thanks", "You're welcome")]
    [InlineData("thanks for your time", "You're welcome")]
    [InlineData("hi there, ive got a couple of questions", "Hello")]   // an opener announcing questions to come
    [InlineData("good morning, can i ask you something", "Hello")]
    [InlineData("r u human or ai", "I'm")]
    [InlineData("thanks, you're a legend", "You're welcome")]
    [InlineData("what sort of stuff can i ask", "I answer questions")]
    [InlineData("many thanks for all the advice", "You're welcome")]
    [InlineData("cheers ur a legend", "You're welcome")]                // text-speak "ur"
    [InlineData("hiya, whats up", "Hello")]
    [InlineData("buenas tardes", "Hello")]                               // a greeting in the patient's own language
    [InlineData("is this an actual receptionist or a bot", "I'm")]
    [InlineData("what kind of questions can you help with", "I answer questions")]
    [InlineData("you are a bot or a human?", "I'm")]                    // second-language word order
    [InlineData("what you can help me with", "I answer questions")]
    [InlineData("what type of question i could ask", "I answer questions")]
    [InlineData("please, how to use the chat", "I answer questions")]
    [InlineData("merci beaucoup", "You're welcome")]                   // thanks in the patient's own language
    [InlineData("maraming salamat po", "You're welcome")]
    [InlineData("great job, you explained it well", "You're welcome")]
    [InlineData("assalamu alaikum", "Hello")]
    [InlineData("adios amiga", "Goodbye")]
    [InlineData("have good evening", "Goodbye")]
    [InlineData("ur so helpful", "You're welcome")]                         // a compliment is thanks; text-speak written out
    [InlineData("you're a clever little machine aren't you", "You're welcome")]
    [InlineData("good bot", "You're welcome")]
    [InlineData("lovely, that's smashing", "You're welcome")]
    [InlineData("tysm", "You're welcome")]
    [InlineData("many thanks for your help, kind regards, Margaret", "You're welcome")] // a letter's sign-off and name
    [InlineData("cheerio", "Goodbye")]
    [InlineData("later", "Goodbye")]
    [InlineData("wassup bot", "Hello")]
    [InlineData("Dear Sir or Madam, good afternoon to you", "Hello")]
    [InlineData("good evening, I hope you are keeping well", "Hello")]
    [InlineData("hello, testing testing, can you hear me", "Hello")]
    [InlineData("how do I use this thing, my daughter set it up for me", "I answer questions")]
    [InlineData("is this the robot", "I'm")]
    [InlineData("so what can you actually do", "I answer questions")]
    [InlineData("what exactly are you, some kind of chatbot?", "I'm")]
    [InlineData("thank you, you've put my mind at rest", "You're welcome")]
    [InlineData("hey, sorry it's so late", "Hello")]                    // an apology for the hour
    [InlineData("goodnight, off to bed now", "Goodbye")]
    [InlineData("um, i don't know how this works", "I answer questions")]
    [InlineData("hello, my dad asked me to write for him", "Hello")]    // writing for someone else
    [InlineData("hello? anyone there at this hour", "I'm")]
    [InlineData("love this bot", "You're welcome")]
    [InlineData("Dear Sir or Madam,", "Hello")]                                  // a letter's opening, on its own
    [InlineData("youre actually really helpful", "You're welcome")]
    [InlineData("ok gotta go to work, bye", "Goodbye")]
    [InlineData("thank you, you explained it better than my gp", "You're welcome")]
    [InlineData("hi im a nurse, just checking what this chat does", "I answer questions")]
    public async Task Everyday_variants_and_combinations_are_small_talk(string message, string replyStart)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("smallTalk", reply.Kind);
        Assert.StartsWith(replyStart, reply.Text);
    }

    [Theory]
    [InlineData("thanks, but does it hurt?")]
    [InlineData("hi, how long do the needles stay in?")]
    [InlineData("is it good for chronic back pain?")] // "good" is small talk only alone
    [InlineData("great, is it safe though?")]
    [InlineData("can you help me with my back pain, does acupuncture work for it?")]
    [InlineData("sorry my english is bad, is acupuncture painful?")] // the aside is taken out, the question stays
    [InlineData("hello, i have a question about the needles")]        // the opener is taken out, the subject stays
    [InlineData("thanks for the info, is it safe for older people?")]  // thanks, then a question
    [InlineData("you're so helpful, how long do the needles stay in?")]   // a compliment, then a question
    [InlineData("good afternoon, what are the risks of acupuncture")]
    public async Task Small_talk_around_a_question_still_gets_the_answer(string message)
    {
        var reply = await fixture.Bot.AskAsync(message);

        Assert.Equal("answer", reply.Kind);
    }
}
