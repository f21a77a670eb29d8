using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>An empty message gets a clear word about it instead of a search.</summary>
public sealed class InputCheckStep(IOptionsMonitor<AnswerOptions> answers) : ITurnStep
{
    public const string StepName = "input";

    public string Name => StepName;

    public ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken) =>
        ValueTask.FromResult<BotReply?>(turn.Text.Length == 0
            ? new BotReply(ReplyKind.InputProblem, "I didn't catch a question there. Please type what you'd like to know.")
                { Suggestions = answers.CurrentValue.EffectiveExampleQuestions }
            : null);
}

/// <summary>
/// A message too long to read gets a request for a shorter one. It runs after the red flags: a long
/// message that describes an emergency still gets the urgent guidance first.
/// </summary>
public sealed class LengthCheckStep(IOptionsMonitor<LimitsOptions> limits) : ITurnStep
{
    public const string StepName = "length";

    public string Name => StepName;

    public ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var maxLength = limits.CurrentValue.MaxMessageLength;
        if (turn.Text.Length > maxLength)
            return ValueTask.FromResult<BotReply?>(new BotReply(ReplyKind.InputProblem,
                $"That message is longer than I can read ({turn.Text.Length} characters; the limit is {maxLength}). " +
                "Could you ask your question in a sentence or two?"));
        return ValueTask.FromResult<BotReply?>(null);
    }
}
