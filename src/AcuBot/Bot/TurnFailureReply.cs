using AcuBot.Options;

namespace AcuBot.Bot;

/// <summary>
/// What the patient gets when a turn fails: a short apology and how to reach the clinic, sent through the
/// turn's own finisher and sink like any reply (so it carries the disclaimer, and ends the typing
/// indicator Web Chat shows). Each channel catches a failed turn where it runs it and sends this.
/// </summary>
public static class TurnFailureReply
{
    private static readonly Action<ILogger, string, string, Exception?> LogTurnFailed = LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(1003, "TurnFailed"),
        "The turn failed on a {ActivityType} activity in conversation {ConversationId}; the user was sent an apology");

    private static readonly Action<ILogger, string, Exception?> LogApologyFailed = LoggerMessage.Define<string>(LogLevel.Error, new EventId(1004, "ApologyFailed"),
        "The apology for a failed turn could not be sent in conversation {ConversationId}");

    public static BotReply For(ClinicOptions clinic) => new(ReplyKind.TurnFailed,
        $"Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment, or {clinic.ContactSentence()}.");

    /// <summary>
    /// Logs the failure (its exception, never the patient's text) and sends the apology; false when even
    /// that could not be delivered.
    /// </summary>
    public static async Task<bool> SendAsync(TurnContext turn, ClinicOptions clinic, Exception failure, ILogger logger)
    {
        var conversationId = Channels.LoggedText.Of(turn.Activity.Conversation?.Id) ?? "(none)";
        LogTurnFailed(logger, Channels.LoggedText.Of(turn.Activity.Type) ?? "(none)", conversationId, failure);
        try
        {
            // Not the request's token: a turn that failed because the caller went away still ends with the apology in the transcript.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await turn.SendAsync(For(clinic), timeout.Token);
            return true;
        }
        catch (Exception ex)
        {
            LogApologyFailed(logger, conversationId, ex);
            return false;
        }
    }
}
