using AcuBot.Protocol.Schema;

namespace AcuBot.Bot;

/// <summary>One incoming activity and the means to answer it.</summary>
public sealed class TurnContext(Activity activity, IReplySink sink, ReplyFinisher finisher)
{
    public Activity Activity { get; } = activity;

    /// <summary>Finishes the reply (disclaimer, buttons, addressing) and hands it to the sink.</summary>
    public Task SendAsync(BotReply reply, CancellationToken cancellationToken) =>
        sink.SendAsync(finisher.Finish(Activity, reply), cancellationToken);
}
