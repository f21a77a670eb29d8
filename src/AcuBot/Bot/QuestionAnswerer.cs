using System.Diagnostics;
using AcuBot.Bot.Conversation;
using AcuBot.Bot.SmallTalk;
using AcuBot.Knowledge;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using AcuBot.Unanswered;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot;

/// <summary>
/// Turns what a patient typed into a reply. The checks run in order of importance: a problem with the
/// input; red-flag symptoms (urgent-care guidance before anything else); small talk; "tell me more";
/// the knowledge search, with the last answer's section as context for a follow-up; and when nothing
/// answers well enough, the honest fallback, which is recorded for the clinic.
/// </summary>
public sealed class QuestionAnswerer(
    KnowledgeService knowledge,
    AnswerComposer composer,
    UrgentCareReplies urgentCare,
    SmallTalkDetector smallTalk,
    SmallTalkReplies smallTalkReplies,
    IConversationStateStore conversations,
    IUnansweredLog unanswered,
    IOptionsMonitor<AnswerOptions> answers,
    IOptionsMonitor<ClinicOptions> clinic,
    IOptionsMonitor<LimitsOptions> limits,
    TimeProvider clock,
    ILogger<QuestionAnswerer> logger)
{
    // Log lines defined once (LoggerMessage.Define): no argument array or boxing per call on the answer path.
    private static readonly Action<ILogger, string?, ReplyKind, string?, double?, double, Exception?> LogAnswered =
        LoggerMessage.Define<string?, ReplyKind, string?, double?, double>(LogLevel.Debug, default,
            "Answered conversation {ConversationId}: {Kind} from {Section} (confidence {Confidence:F2}) in {ElapsedMs:F2} ms");

    private static readonly Action<ILogger, string?, string, Exception?> LogRedFlag =
        LoggerMessage.Define<string?, string>(LogLevel.Warning, default, "Red flag in conversation {ConversationId}: {RedFlag}");

    public BotReply Answer(string? text, string? conversationId)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = Decide(text?.Trim() ?? "", conversationId);
        // One line per answer is Debug: at Information it cost ~10 µs of an 80 µs answer under load
        // (docs/benchmarks.md). It carries what was decided, never what the patient wrote.
        if (logger.IsEnabled(LogLevel.Debug))
            LogAnswered(logger, conversationId, reply.Kind, reply.SectionTitle, reply.Confidence, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        return reply;
    }

    public BotReply Welcome()
    {
        var options = answers.CurrentValue;
        var text = options.WelcomeText.Length > 0
            ? options.WelcomeText
            : $"Hello! I'm the virtual assistant of {clinic.CurrentValue.Name}. I answer questions about {options.Topic} " +
              "from the clinic's own articles: what it is, how it may help, its risks, and what happens in a session. " +
              "Ask me in your own words, or try one of these:";
        return new BotReply(ReplyKind.Welcome, text) { Suggestions = options.EffectiveExampleQuestions };
    }

    private BotReply Decide(string text, string? conversationId)
    {
        var options = answers.CurrentValue;
        if (text.Length == 0)
            return new BotReply(ReplyKind.InputProblem, "I didn't catch a question there. Please type what you'd like to know.")
                { Suggestions = options.EffectiveExampleQuestions };
        var maxLength = limits.CurrentValue.MaxMessageLength;
        if (text.Length > maxLength)
            return new BotReply(ReplyKind.InputProblem,
                $"That message is longer than I can read ({text.Length} characters; the limit is {maxLength}). " +
                "Could you ask your question in a sentence or two?");

        var snapshot = knowledge.Current;
        var message = new MessageText(text);
        if (snapshot.RedFlags.Match(message) is { } redFlag)
        {
            LogRedFlag(logger, conversationId, redFlag.Description, null);
            return urgentCare.For(redFlag);
        }

        var index = snapshot.Index;
        var intent = smallTalk.Detect(message);
        if (intent is { } pureSmallTalk) return smallTalkReplies.For(pureSmallTalk, index.Knowledge);

        if (index.Knowledge.IsEmpty)
            return new BotReply(ReplyKind.NoKnowledge,
                $"I don't have any documents to answer from yet. Please {clinic.CurrentValue.ContactSentence()} and the team will help you.");

        var context = conversationId is null ? null : conversations.Get(conversationId);
        var contextSection = context is null ? null : FindSection(index.Knowledge, context);
        if (contextSection is not null && FollowUps.IsTellMeMore(message))
            return Remember(conversationId, composer.ComposeSection(contextSection, index.Knowledge, options.MaxSuggestions));

        var result = index.Search(text, maxHits: 5);
        var best = Choose(result, options);
        if (best is null && contextSection is not null && FollowUps.LeansOnContext(message))
        {
            // "How long does it last?" after an answer about sessions: ask again with that section as the subject.
            result = index.Search(text + "\n" + contextSection.Title, maxHits: 5);
            best = Choose(result, options);
        }
        if (best is not null)
            return Remember(conversationId, composer.Compose(best, result.Hits.Where(h => h != best).ToArray(), index.Knowledge, options.MaxSuggestions, options.SectionOverviewThreshold));

        var bestConfidence = result.Best?.Confidence;
        unanswered.Record(text, bestConfidence);
        return Fallback(bestConfidence);
    }

    /// <summary>A curated answer whose question matches strongly wins; otherwise the best hit, if confident enough.</summary>
    private static SearchHit? Choose(SearchResult result, AnswerOptions options)
    {
        var curated = result.Hits.FirstOrDefault(h => h.Passage.Kind == PassageKind.Curated && h.Confidence >= options.CuratedThreshold);
        if (curated is not null) return curated;
        return result.Best is { } best && best.Confidence >= options.ConfidenceThreshold ? best : null;
    }

    private BotReply Remember(string? conversationId, BotReply reply)
    {
        if (conversationId is not null && reply.SectionTitle is not null && reply.SourceFile is not null)
            conversations.Set(conversationId, new ConversationState(reply.SectionTitle, reply.SourceFile, clock.GetUtcNow()));
        return reply;
    }

    /// <summary>The remembered section in the current index (the index may have been reloaded since).</summary>
    private static Section? FindSection(KnowledgeBase knowledge, ConversationState state) =>
        knowledge.Sections.FirstOrDefault(s => s.Title == state.SectionTitle && s.SourceFile == state.SourceFile);

    private BotReply Fallback(double? bestConfidence) => new(ReplyKind.Fallback,
        "I'm sorry, I couldn't find an answer to that in the clinic's information, and I'd rather not guess. " +
        $"Please {clinic.CurrentValue.ContactSentence()} and the team will be glad to help.")
    {
        Confidence = bestConfidence,
        Suggestions = answers.CurrentValue.EffectiveExampleQuestions,
    };
}
