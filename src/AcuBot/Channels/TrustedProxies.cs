using System.Net;
using AcuBot.Options;
using Microsoft.AspNetCore.HttpOverrides;

namespace AcuBot.Channels;

/// <summary>Takes the client's address from the forwarding headers of the proxies named in <see cref="ProxyOptions"/>, and only theirs.</summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, ProxyOptions proxies)
    {
        if (proxies.TrustedProxies.Count == 0) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // ASP.NET Core trusts loopback by default; here only the configured addresses are trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in proxies.TrustedProxies)
        {
            if (!IPAddress.TryParse(address.Trim(), out var parsed))
                throw new InvalidOperationException($"{ProxyOptions.Section}:TrustedProxies holds '{address}', which is not an IP address.");
            options.KnownProxies.Add(parsed);
        }
        return app.UseForwardedHeaders(options);
    }
}
