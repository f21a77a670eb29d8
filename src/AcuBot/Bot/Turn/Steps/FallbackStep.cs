using AcuBot.Knowledge.Search;
using AcuBot.Options;
using AcuBot.Unanswered;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>
/// Nothing answered well enough: the bot says so rather than guess, with how to reach the clinic, and
/// records the question for the clinic (the <c>unanswered</c> command lists them).
/// </summary>
public sealed class FallbackStep(IUnansweredLog unanswered, IOptionsMonitor<ClinicOptions> clinic, IOptionsMonitor<AnswerOptions> answers, IOptions<SearchTuning> search) : ITurnStep
{
    public const string StepName = "fallback";

    public string Name => StepName;

    public async ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var bestConfidence = (await turn.SearchAsync(search.Value.Retrieval, SearchStep.MaxHits, cancellationToken)).Best?.Confidence;
        // A message the red-flag net flagged is about the patient's safety, not a gap in the clinic's articles.
        if (turn.UrgentPreface is null) unanswered.Record(turn.Text, bestConfidence);
        return new BotReply(ReplyKind.Fallback,
            "I'm sorry, I couldn't find an answer to that in the clinic's information, and I'd rather not guess. " +
            $"Please {clinic.CurrentValue.ContactSentence()} and the team will be glad to help.")
        {
            Confidence = bestConfidence,
            Suggestions = answers.CurrentValue.EffectiveExampleQuestions,
        };
    }
}
