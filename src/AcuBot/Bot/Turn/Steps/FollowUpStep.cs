using AcuBot.Bot.Conversation;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>"Tell me more" after an answer: the whole of that answer's section.</summary>
public sealed class FollowUpStep(AnswerComposer composer, ConversationMemory memory, IOptionsMonitor<AnswerOptions> answers) : ITurnStep
{
    public string Name => "follow-up";

    public ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        if (!FollowUps.IsTellMeMore(turn.Message) || memory.SectionOf(turn) is not { } section) return ValueTask.FromResult<BotReply?>(null);
        var reply = composer.ComposeSection(section, turn.Knowledge.Index.Knowledge, answers.CurrentValue.MaxSuggestions);
        return ValueTask.FromResult<BotReply?>(memory.Remember(turn, reply));
    }
}
