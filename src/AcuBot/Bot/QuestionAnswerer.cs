using System.Diagnostics;
using AcuBot.Bot.Turn;
using AcuBot.Knowledge;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot;

/// <summary>
/// Turns what a patient typed into a reply: works out the turn's shared signals and runs the
/// <see cref="TurnPipeline"/>'s steps over them. Also writes the welcome.
/// </summary>
public sealed class QuestionAnswerer(
    KnowledgeService knowledge,
    SentenceModel model,
    TurnPipeline pipeline,
    ConversationMemory memory,
    IOptionsMonitor<AnswerOptions> answers,
    IOptionsMonitor<ClinicOptions> clinic,
    ILogger<QuestionAnswerer> logger)
{
    public async ValueTask<BotReply> AnswerAsync(string? text, string? conversationId, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var turn = new TurnSignals(text?.Trim() ?? "", conversationId, knowledge.Current, model.Embedder, await memory.RecallAsync(conversationId, cancellationToken));
        var reply = await pipeline.RunAsync(turn, cancellationToken);
        await memory.SaveAsync(turn, cancellationToken);
        Telemetry.AcuBotTelemetry.Answered(reply.Kind, Stopwatch.GetElapsedTime(started));
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

    // LoggerMessage.Define (see RedFlagStep): no argument array or boxing per call on the answer path.
    private static readonly Action<ILogger, string?, ReplyKind, string?, double?, double, Exception?> LogAnswered =
        LoggerMessage.Define<string?, ReplyKind, string?, double?, double>(LogLevel.Debug, new EventId(1002, "Answered"),
            "Answered conversation {ConversationId}: {Kind} from {Section} (confidence {Confidence:F2}) in {ElapsedMs:F2} ms");
}
