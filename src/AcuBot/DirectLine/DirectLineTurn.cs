using AcuBot.Bot;
using AcuBot.Endpoints;
using AcuBot.Options;
using AcuBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace AcuBot.DirectLine;

/// <summary>
/// Runs the bot's turn for a Direct Line conversation, its replies appended to the conversation. A turn
/// that fails ends with the apology (TurnFailureReply) in the conversation, so that the typing indicator
/// stops and the patient is told what to do.
/// </summary>
public sealed class DirectLineTurn(
    ClinicBot bot, ReplyFinisher finisher, IDirectLineConversationStore store, DirectLineStreams streams,
    IOptionsMonitor<ClinicOptions> clinic, TimeProvider clock, ILogger<DirectLineTurn> logger)
{
    public Task RunAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        // Web Chat shows a typing indicator until the answer arrives: on the open streams only, as Direct Line sends it.
        if (activity.IsType(ActivityTypes.Message) && DirectLineStreams.WatermarkOf(activity.Id) is { } after)
        {
            var typing = activity.CreateReply();
            typing.Type = ActivityTypes.Typing;
            typing.TextFormat = null;
            typing.Id = $"{conversationId}|typing-{after}";
            typing.ServiceUrl = null;
            streams.Publish(conversationId, after, typing);
        }
        return RunTurnAsync(new TurnContext(activity, new DirectLineReplySink(store, conversationId), finisher), cancellationToken);
    }

    /// <summary>The turn a channel runs when a user joins: a conversationUpdate naming them, which the bot welcomes.</summary>
    /// <param name="userId">The conversation's user; null when nobody was named (the secret used directly), and the welcome is for whoever joins.</param>
    public Task WelcomeAsync(string conversationId, string? userId, CancellationToken cancellationToken)
    {
        var user = new ChannelAccount { Id = userId, Role = RoleTypes.User };
        var joined = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = DirectLineEndpoints.NewConversationId(),
            ChannelId = DirectLineEndpoints.ChannelId,
            Conversation = new ConversationAccount { Id = conversationId },
            From = user,
            Recipient = DirectLineEndpoints.BotAccount,
            MembersAdded = [user],
            Timestamp = clock.GetUtcNow(),
        };
        return RunTurnAsync(new TurnContext(joined, new DirectLineReplySink(store, conversationId), finisher), cancellationToken);
    }

    private async Task RunTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            await bot.OnTurnAsync(turn, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await TurnFailureReply.SendAsync(turn, clinic.CurrentValue, ex, logger);
        }
    }
}
