using AcuBot.Bot;
using AcuBot.Protocol.Connector;
using AcuBot.Protocol.Schema;

namespace AcuBot.Channels;

/// <summary>Delivers replies the Bot Connector way: each one POSTed to the activity's serviceUrl.</summary>
public sealed class ConnectorReplySink(ConnectorClient connector) : IReplySink
{
    public Task SendAsync(Activity reply, CancellationToken cancellationToken) =>
        connector.SendAsync(reply, cancellationToken);
}
