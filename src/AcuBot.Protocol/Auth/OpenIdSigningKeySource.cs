using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// The channel's OpenID metadata and signing keys, cached by IdentityModel's ConfigurationManager (it
/// refreshes them every 12 hours or so by itself) and refreshed early when a token names a key id the
/// cache does not have, which is how a key rotation shows up.
/// </summary>
public sealed class OpenIdSigningKeySource
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> manager;
    private readonly TimeSpan minimumRefreshInterval;
    private readonly TimeSpan refreshWait;
    private readonly Lock gate = new();
    private DateTimeOffset? lastForcedRefresh;

    /// <param name="metadataUrl">The OpenID metadata document (it names the JWKS).</param>
    /// <param name="http">The client both documents are fetched with.</param>
    /// <param name="requireHttps">Whether plain-HTTP addresses are refused (off only for loopback tests).</param>
    /// <param name="minimumRefreshInterval">
    /// Least time between two early refreshes. Anyone can send a token with a made-up key id; without
    /// this bound each one would make the bot fetch the keys again (and wait for them).
    /// </param>
    /// <param name="refreshWait">How long one request waits for the refreshed keys before giving up.</param>
    public OpenIdSigningKeySource(string metadataUrl, HttpClient http, bool requireHttps,
        TimeSpan? minimumRefreshInterval = null, TimeSpan? refreshWait = null)
    {
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = requireHttps };
        manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever);
        this.minimumRefreshInterval = minimumRefreshInterval ?? TimeSpan.FromMinutes(5);
        // The manager has its own limit on refresh requests. Ours is the one that counts (we are its only
        // caller), so set its limit to the least it allows: when we decide to refresh, it must not refuse.
        manager.RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval;
        this.refreshWait = refreshWait ?? TimeSpan.FromSeconds(3);
    }

    /// <summary>The cached configuration; fetched on first use. Throws when it cannot be fetched and none is cached.</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        manager.GetConfigurationAsync(cancellationToken);

    /// <summary>
    /// Fetches the keys again because a token named a key id <paramref name="stale"/> does not have.
    /// Returns the new configuration, or null when an early refresh was made too recently or the new
    /// keys did not arrive in time.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        lock (gate)
        {
            if (lastForcedRefresh is { } last && now - last < minimumRefreshInterval) return null;
            lastForcedRefresh = now;
        }

        // The manager refreshes in the background (it does not block callers once it has a
        // configuration), so wait, briefly, for the new one to replace the stale one.
        manager.RequestRefresh();
        var deadline = now + refreshWait;
        while (true)
        {
            var current = await manager.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(current, stale)) return current;
            if (DateTimeOffset.UtcNow >= deadline) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }
}
