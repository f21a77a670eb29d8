namespace AcuBot.Bot.Turn;

/// <summary>
/// One step of the turn: it answers the message, or passes it on to the next step (returns null).
/// Steps run in the order <see cref="TurnPipeline"/> declares; each has one job.
/// </summary>
public interface ITurnStep
{
    /// <summary>The step's name, as <c>Turn:DisabledSteps</c> and <c>eval</c>'s ablations spell it.</summary>
    string Name { get; }

    ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken);
}
