using AcuBot.Bot.SmallTalk;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>
/// Greetings, thanks, goodbyes, "who are you", "help": a short friendly reply that says what the bot can do.
/// The patterns come first; a short message they do not know is small talk by meaning when it is clearly
/// nearer an example of small talk than any question the knowledge answers or does not answer.
/// </summary>
public sealed class SmallTalkStep(SmallTalkDetector detector, SmallTalkReplies replies, IOptionsMonitor<SmallTalkOptions> options) : ITurnStep
{
    public string Name => "small-talk";

    public async ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var intent = detector.Detect(turn.Message) ?? await ByMeaningAsync(turn, cancellationToken);
        return intent is { } found ? replies.For(found, turn.Knowledge.Index.Knowledge) : null;
    }

    private async Task<SmallTalkIntent?> ByMeaningAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.ByMeaning || turn.Knowledge.SmallTalk is not { } examples || turn.Message.Words.Length == 0
            || turn.Message.Words.Length > settings.MaxWords) return null;
        if (await turn.VectorAsync(cancellationToken) is not { } vector) return null;
        var nearest = examples.Nearest(vector);
        if (nearest.Similarity < settings.MinSimilarity) return null;
        // Without the passages' vectors (still being embedded) there is nothing to weigh it against: the patterns only.
        if (await turn.DenseScoresAsync(cancellationToken) is not { } passages) return null;
        var rival = Math.Max(passages.Highest(), await turn.NotAnsweredSimilarityAsync(cancellationToken) ?? -1f);
        if (nearest.Similarity - rival < settings.Margin) return null;
        // "whats the weather like tomorrow" is near "nice sunny day today", but asks something: only "who are
        // you" and "what can you do" are small talk that asks.
        var asks = turn.Message.IsQuestion || turn.Text.Contains('?');
        return !asks || nearest.Intent is SmallTalkIntent.Identity or SmallTalkIntent.Capabilities ? nearest.Intent : null;
    }
}
