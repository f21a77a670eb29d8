using AcuBot.Bot.Turn.Steps;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn;

/// <summary>
/// The turn as a list of steps, in order of importance. Reading <see cref="Steps"/> tells what the bot
/// does with a message: an empty one is said so; red flags come before anything else the bot could say,
/// even that a message is too long; then small talk, "tell me more", a curated answer, the search, and the honest
/// fallback. The first step that answers ends the turn.
/// </summary>
public sealed class TurnPipeline(
    InputCheckStep inputCheck,
    RedFlagStep redFlags,
    LengthCheckStep lengthCheck,
    SmallTalkStep smallTalk,
    NoKnowledgeStep noKnowledge,
    FollowUpStep followUp,
    CuratedAnswerStep curated,
    SearchStep search,
    FallbackStep fallback,
    UrgentCareReplies urgentCare,
    IOptionsMonitor<TurnOptions> options)
{
    private static readonly HashSet<string> AlwaysOn = [InputCheckStep.StepName, RedFlagStep.StepName, LengthCheckStep.StepName, FallbackStep.StepName];

    public IReadOnlyList<ITurnStep> Steps { get; } = [inputCheck, redFlags, lengthCheck, smallTalk, noKnowledge, followUp, curated, search, fallback];

    public async ValueTask<BotReply> RunAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var disabled = options.CurrentValue.DisabledSteps;
        foreach (var step in Steps)
        {
            if (disabled.Contains(step.Name, StringComparer.OrdinalIgnoreCase) && !AlwaysOn.Contains(step.Name)) continue;
            if (await step.TryAnswerAsync(turn, cancellationToken) is not { } reply) continue;
            return turn.UrgentPreface is { } flag ? urgentCare.Before(reply, flag) : reply;
        }
        throw new InvalidOperationException("The fallback step always answers.");
    }
}
