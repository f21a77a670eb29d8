using System.Text.Json;
using AcuBot.Options;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot;

/// <summary>
/// The one place where a <see cref="BotReply"/> becomes an Activity: addressed back to the sender,
/// follow-ups as suggested actions, and the disclaimer appended. Every reply passes through here, so
/// "every reply carries the disclaimer" holds by construction.
/// </summary>
public sealed class ReplyFinisher(IOptionsMonitor<ClinicOptions> clinic)
{
    public const string DisclaimerSeparator = "\n\n---\n";

    public Activity Finish(Activity incoming, BotReply reply)
    {
        var activity = incoming.CreateReply(reply.Text + DisclaimerSeparator + "_" + clinic.CurrentValue.Disclaimer + "_");
        activity.InputHint = InputHints.AcceptingInput;
        if (reply.Suggestions.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                To = incoming.From?.Id is { } userId ? [userId] : null,
                // The button shows a short label and sends the whole text, which finds its section again.
                Actions = reply.Suggestions.Select(s => CardAction.ImBack(ButtonLabel.For(s), s)).ToList(),
            };
        }
        var metadata = new ReplyMetadata(KindName(reply.Kind), reply.SectionTitle, reply.SourceFile,
            reply.Confidence is { } c ? Math.Round(c, 3) : null);
        activity.ChannelData = JsonSerializer.SerializeToElement(metadata, BotJsonContext.Default.ReplyMetadata);
        return activity;
    }

    private static readonly Dictionary<ReplyKind, string> KindNames =
        Enum.GetValues<ReplyKind>().ToDictionary(kind => kind, kind => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));

    /// <summary>camelCase names, as everything else on the wire (worked out once, not per reply).</summary>
    public static string KindName(ReplyKind kind) => KindNames[kind];
}
