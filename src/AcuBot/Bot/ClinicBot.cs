using AcuBot.Protocol.Schema;

namespace AcuBot.Bot;

/// <summary>
/// The bot's turn: what to do with each kind of activity. Messages are answered, a user joining is
/// welcomed, everything else is accepted and ignored. The same turn serves every channel.
/// </summary>
public sealed class ClinicBot(QuestionAnswerer answerer, Clinic.IClinicInsights insights, ILogger<ClinicBot> logger)
{
    private static readonly Action<ILogger, string?, string?, Exception?> LogIgnored = LoggerMessage.Define<string?, string?>(LogLevel.Debug,
        new EventId(1005, "ActivityIgnored"), "Ignored a {ActivityType} activity in conversation {ConversationId}");

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        using var telemetry = Telemetry.AcuBotTelemetry.StartTurn(logger, activity.Conversation?.Id, activity.Type, activity.ChannelId);
        if (activity.IsType(ActivityTypes.Message))
        {
            var reply = await answerer.AnswerAsync(activity.Text, activity.Conversation?.Id, cancellationToken);
            insights.Count(activity.ChannelId, activity.Text, reply);
            await turn.SendAsync(reply, cancellationToken);
        }
        else if (activity.IsType(ActivityTypes.ConversationUpdate))
        {
            // Channels announce the bot joining too; only a user joining is welcomed, once per update.
            var userJoined = activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true;
            if (userJoined) await turn.SendAsync(answerer.Welcome(), cancellationToken);
        }
        else
        {
            LogIgnored(logger, activity.Type, activity.Conversation?.Id, null);
        }
    }
}
