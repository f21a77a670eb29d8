using AcuBot.Knowledge.Documents;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.SmallTalk;

/// <summary>Short, friendly replies to small talk that always say what the bot can help with.</summary>
public sealed class SmallTalkReplies(IOptionsMonitor<ClinicOptions> clinic, IOptionsMonitor<AnswerOptions> answers)
{
    public BotReply For(SmallTalkIntent intent, KnowledgeBase knowledge)
    {
        var name = clinic.CurrentValue.Name;
        var topic = answers.CurrentValue.Topic;
        var text = intent switch
        {
            SmallTalkIntent.Greeting => $"Hello! I'm the virtual assistant of {name}. I can answer questions about {topic}. What would you like to know?",
            SmallTalkIntent.Thanks => $"You're welcome! Is there anything else you'd like to know about {topic}?",
            SmallTalkIntent.Goodbye => $"Goodbye, and take care! If more questions about {topic} come up, I'm here any time, or you can {clinic.CurrentValue.ContactSentence()}.",
            SmallTalkIntent.Identity => $"I'm the virtual assistant of {name}: a computer program, not a person. I answer questions about {topic} " +
                                        $"from the clinic's own articles. To talk to someone at the clinic, please {clinic.CurrentValue.ContactSentence()}.",
            _ => $"I answer questions about {topic} from the articles of {name}. I know about:\n\n" +
                 string.Join("\n", Topics(knowledge).Select(t => "- " + t)) +
                 "\n\nAsk in your own words; I'll show you the passage that answers it.",
        };
        return new BotReply(ReplyKind.SmallTalk, text) { Suggestions = answers.CurrentValue.EffectiveExampleQuestions };
    }

    private static IEnumerable<string> Topics(KnowledgeBase knowledge) =>
        knowledge.Sections.Where(s => s.Passages.Count > 0).Select(s => AnswerComposer.ShortTitle(s.Title)).Distinct().Take(12);
}
