using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>With no documents loaded there is nothing to search: say so, and how to reach the clinic.</summary>
public sealed class NoKnowledgeStep(IOptionsMonitor<ClinicOptions> clinic) : ITurnStep
{
    public string Name => "no-knowledge";

    public ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken) =>
        ValueTask.FromResult<BotReply?>(turn.Knowledge.Index.Knowledge.IsEmpty
            ? new BotReply(ReplyKind.NoKnowledge, $"I don't have any documents to answer from yet. Please {clinic.CurrentValue.ContactSentence()} and the team will help you.")
            : null);
}
