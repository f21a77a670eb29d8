using AcuBot.Bot.SmallTalk;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>Greetings, thanks, goodbyes, "who are you", "help": a short friendly reply that says what the bot can do.</summary>
public sealed class SmallTalkStep(SmallTalkDetector detector, SmallTalkReplies replies) : ITurnStep
{
    public string Name => "small-talk";

    public ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken) =>
        ValueTask.FromResult(detector.Detect(turn.Message) is { } intent ? replies.For(intent, turn.Knowledge.Index.Knowledge) : null);
}
