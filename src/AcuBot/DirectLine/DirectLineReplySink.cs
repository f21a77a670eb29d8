using AcuBot.Bot;
using AcuBot.Protocol.Schema;

namespace AcuBot.DirectLine;

/// <summary>Delivers replies the Direct Line way: appended to the conversation, whose streams push them on.</summary>
public sealed class DirectLineReplySink(IDirectLineConversationStore store, string conversationId) : IReplySink
{
    public async Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        reply.ServiceUrl = null; // a Direct Line client has no use for the bot's own address
        await store.AppendAsync(conversationId, reply, cancellationToken);
    }
}
