using AcuBot.Bot;
using AcuBot.Protocol.Connector;
using AcuBot.Protocol.Schema;

namespace AcuBot.Channels;

/// <summary>Delivers replies the Bot Connector way: each one POSTed to the activity's serviceUrl.</summary>
/// <param name="vouchedServiceUrl">The serviceUrl a validated channel token vouched for, if any.</param>
public sealed class ConnectorReplySink(ConnectorClient connector, string? vouchedServiceUrl) : IReplySink
{
    public async Task SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        using var span = Telemetry.AcuBotTelemetry.StartConnectorCall(vouchedServiceUrl ?? reply.ServiceUrl);
        await connector.SendAsync(reply, vouchedServiceUrl, cancellationToken);
    }
}
