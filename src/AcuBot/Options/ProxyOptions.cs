namespace AcuBot.Options;

/// <summary>The reverse proxies in front of the bot, if any; bound from the "Proxy" section.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>
    /// Addresses of proxies (nginx, a load balancer) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
    /// headers are believed. Behind a proxy every request comes from the proxy's address, so without this
    /// all patients would share one per-address rate limit. Empty (the default) believes no one: the
    /// headers are ignored, and a client cannot pick the address its limits are counted under.
    /// </summary>
    /// <remarks>No default items here: the configuration binder appends to a list, it does not replace it.</remarks>
    public List<string> TrustedProxies { get; set; } = [];
}
