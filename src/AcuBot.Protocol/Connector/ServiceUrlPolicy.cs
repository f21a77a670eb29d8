namespace AcuBot.Protocol.Connector;

/// <summary>
/// Decides which <c>serviceUrl</c>s the bot may POST replies to. An activity names its own serviceUrl,
/// so without this check anyone could make the bot send requests to any address (SSRF). By default only
/// loopback is trusted: that is where the Bot Framework Emulator listens.
/// </summary>
public sealed class ServiceUrlPolicy(IReadOnlyCollection<string> allowedHosts)
{
    public const string Loopback = "loopback";

    public bool IsAllowed(string? serviceUrl, out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        if (!string.IsNullOrEmpty(parsed.UserInfo)) return false;
        foreach (var allowed in allowedHosts)
        {
            if ((allowed.Equals(Loopback, StringComparison.OrdinalIgnoreCase) && parsed.IsLoopback) ||
                allowed.Equals(parsed.Host, StringComparison.OrdinalIgnoreCase))
            {
                uri = parsed;
                return true;
            }
        }
        return false;
    }
}
