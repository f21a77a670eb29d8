using System.Diagnostics;
using AcuBot.Knowledge;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot;

/// <summary>
/// Turns what a patient typed into a reply. Checks run in order of importance: input problems, then
/// the knowledge search, then the honest fallback when nothing answers the question well enough.
/// </summary>
public sealed class QuestionAnswerer(
    KnowledgeService knowledge,
    AnswerComposer composer,
    IOptionsMonitor<AnswerOptions> answers,
    IOptionsMonitor<ClinicOptions> clinic,
    IOptionsMonitor<LimitsOptions> limits,
    ILogger<QuestionAnswerer> logger)
{
    public BotReply Answer(string? text, string? conversationId)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = Decide(text?.Trim() ?? "", conversationId);
        // Information logs carry what was decided, never what the patient wrote.
        logger.LogInformation("Answered conversation {ConversationId}: {Kind} from {Section} (confidence {Confidence}) in {ElapsedMs:F2} ms",
            conversationId, reply.Kind, reply.SectionTitle, reply.Confidence, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return reply;
    }

    public BotReply Welcome()
    {
        var options = answers.CurrentValue;
        var text = $"Hello! I'm the virtual assistant of {clinic.CurrentValue.Name}. I answer questions about {options.Topic} " +
                   "from the clinic's own articles: what it is, how it may help, its risks, and what happens in a session. " +
                   "Ask me in your own words, or try one of these:";
        return new BotReply(ReplyKind.Welcome, text) { Suggestions = options.EffectiveExampleQuestions };
    }

    private BotReply Decide(string text, string? conversationId)
    {
        if (text.Length == 0)
            return new BotReply(ReplyKind.InputProblem, "I didn't catch a question there. Please type what you'd like to know.")
                { Suggestions = answers.CurrentValue.EffectiveExampleQuestions };
        var maxLength = limits.CurrentValue.MaxMessageLength;
        if (text.Length > maxLength)
            return new BotReply(ReplyKind.InputProblem,
                $"That message is longer than I can read ({text.Length} characters; the limit is {maxLength}). " +
                "Could you ask your question in a sentence or two?");

        var index = knowledge.Current;
        if (index.Knowledge.IsEmpty)
            return new BotReply(ReplyKind.NoKnowledge,
                $"I don't have any documents to answer from yet. Please {clinic.CurrentValue.ContactSentence()} and the team will help you.");

        var options = answers.CurrentValue;
        var result = index.Search(text, maxHits: 5);
        if (result.Best is { } best && best.Confidence >= options.ConfidenceThreshold)
            return composer.Compose(best, result.Hits.Skip(1).ToArray(), index.Knowledge, options.MaxSuggestions);

        logger.LogDebug("No confident answer in conversation {ConversationId}: best confidence {Confidence}", conversationId, result.Best?.Confidence);
        return Fallback(result.Best?.Confidence);
    }

    private BotReply Fallback(double? bestConfidence) => new(ReplyKind.Fallback,
        "I'm sorry, I couldn't find an answer to that in the clinic's information, and I'd rather not guess. " +
        $"Please {clinic.CurrentValue.ContactSentence()} and the team will be glad to help.")
    {
        Confidence = bestConfidence,
        Suggestions = answers.CurrentValue.EffectiveExampleQuestions,
    };
}
