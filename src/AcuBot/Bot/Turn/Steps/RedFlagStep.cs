using AcuBot.Bot.Safety;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>
/// Red flags, before anything else the bot could say. Two independent detectors: the clinic's patterns
/// and the meaning-based net, which reads the whole message and, when it has several, each of its clauses.
/// A pattern match is answered with urgent guidance alone; a match of the net alone marks the turn, so that
/// the reply gives the urgent guidance first and the ordinary answer below it (a false alarm then costs the
/// patient little). A message in a language the bot cannot read (UnreadableMessage) gets the emergency numbers
/// too: neither detector can read it. The log names the rule and the detector, never the patient's words.
/// </summary>
public sealed class RedFlagStep(UrgentCareReplies urgentCare, IOptionsMonitor<RedFlagOptions> options, ILogger<RedFlagStep> logger) : ITurnStep
{
    public const string StepName = "red-flags";

    public string Name => StepName;

    public async ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.Detectors != RedFlagDetectors.Semantic && turn.Knowledge.RedFlags.Match(turn.Message) is { } byRule)
        {
            LogRedFlag(logger, turn.ConversationId, byRule.Description, "rules", null);
            Telemetry.AcuBotTelemetry.RedFlag(byRule.Description, "rules");
            return urgentCare.For(byRule);
        }
        if (settings.Detectors != RedFlagDetectors.Rules && await SemanticMatchAsync(turn, settings, cancellationToken) is { } byMeaning)
        {
            LogRedFlag(logger, turn.ConversationId, byMeaning.Description, "semantic net", null);
            Telemetry.AcuBotTelemetry.RedFlag(byMeaning.Description, "semantic net");
            turn.UrgentPreface = byMeaning;
        }
        // Last: a rule that did read the message ("no puedo orinar") gives more precise guidance.
        if (settings.UnreadableIsUrgent && UnreadableMessage.Is(turn.Message, turn.Knowledge.Index.Vocabulary))
        {
            LogRedFlag(logger, turn.ConversationId, UrgentCareReplies.UnreadableRule, "language check", null);
            Telemetry.AcuBotTelemetry.RedFlag(UrgentCareReplies.UnreadableRule, "language check");
            // The English model's reading of it is noise: this reply, with its request for English, is the one.
            turn.UrgentPreface = null;
            return urgentCare.ForUnreadable();
        }
        return null;
    }

    private static async Task<RedFlagMatch?> SemanticMatchAsync(TurnSignals turn, RedFlagOptions settings, CancellationToken cancellationToken)
    {
        // A general question ("can acupuncture cause bleeding?") is about no one's symptoms, as for the patterns.
        if (turn.Knowledge.RedFlagNet is not { } net || RedFlagRules.IsGeneralQuestion(turn.Message)) return null;
        if (await turn.VectorAsync(cancellationToken) is not { } vector) return null;
        var whole = net.Compare(vector);
        if (FlagOf(whole) is { } byWhole) return byWhole;
        if (!settings.ReadClauses) return null;
        foreach (var (_, clauseVector) in await turn.ClauseVectorsAsync(cancellationToken))
            if (FlagOf(net.CompareClause(clauseVector, whole)) is { } byClause) return byClause;
        return null;

        // The rule's "unless:" phrases anywhere in the message set a match of its examples aside as well.
        RedFlagMatch? FlagOf(SemanticEvidence evidence) =>
            evidence is { Nearest: { } nearest } && evidence.IsRedFlag(settings) && !turn.Knowledge.RedFlags.IsSetAside(nearest.Flag, turn.Message)
                ? nearest.Flag
                : null;
    }

    // LoggerMessage.Define rather than [LoggerMessage]: this project sees the logging generator twice
    // (the ASP.NET Core framework's and the package's), and the generated methods would clash.
    private static readonly Action<ILogger, string?, string, string, Exception?> LogRedFlag =
        LoggerMessage.Define<string?, string, string>(LogLevel.Warning, new EventId(1001, "RedFlag"),
            "Red flag in conversation {ConversationId}: {RedFlag} (found by the {Detector})");
}
