using System.Net;

namespace AcuBot.Channels;

/// <summary>
/// Whether a request comes from this machine itself, as the Bot Framework Emulator's do. Behind a proxy
/// named in Proxy:TrustedProxies the forwarded address is the one that counts (the forwarding middleware
/// has put it in place). A proxy on this machine that is not trusted makes every stranger look local, so
/// a request that still carries a forwarding header was relayed, and is not local whatever its address.
/// </summary>
public static class LocalCaller
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP"];

    public static bool IsLocal(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } address) return false; // a Unix socket: a proxy's, most likely
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (!IPAddress.IsLoopback(address)) return false;
        foreach (var header in ForwardingHeaders)
            if (http.Request.Headers.ContainsKey(header)) return false;
        return true;
    }

    /// <summary>The address for a log line: the caller's, or "unknown".</summary>
    public static string Describe(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
