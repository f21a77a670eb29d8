using AcuBot.Bot;
using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>Runs the bot's turn for a Direct Line conversation, its replies appended to the conversation.</summary>
public sealed class DirectLineTurn(ClinicBot bot, ReplyFinisher finisher, IDirectLineConversationStore store, TimeProvider clock)
{
    public Task RunAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var sink = new DirectLineReplySink(store, conversationId);
        // Web Chat shows a typing indicator until the answer arrives.
        if (activity.IsType(ActivityTypes.Message))
        {
            var typing = activity.CreateReply();
            typing.Type = ActivityTypes.Typing;
            typing.TextFormat = null;
            store.Append(conversationId, typing);
        }
        return bot.OnTurnAsync(new TurnContext(activity, sink, finisher), cancellationToken);
    }

    /// <summary>The turn a channel runs when a user joins: a conversationUpdate naming them, which the bot welcomes.</summary>
    public Task WelcomeAsync(string conversationId, string userId, CancellationToken cancellationToken)
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
        return bot.OnTurnAsync(new TurnContext(joined, new DirectLineReplySink(store, conversationId), finisher), cancellationToken);
    }
}
