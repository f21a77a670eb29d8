using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// The channel's OpenID metadata and signing keys, cached by IdentityModel's ConfigurationManager (it
/// refreshes them every 12 hours or so by itself) and refreshed early when a token names a key id the
/// cache does not have, which is how a key rotation shows up. While none could be fetched, every token
/// would make the bot try again, a forged one included: one fetch at a time is made, all waiting callers
/// share it, and after a failure none is tried for a while (callers get the failure at once).
/// </summary>
public sealed partial class OpenIdSigningKeySource
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly string _metadataUrl;
    private readonly ILogger _logger;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly TimeSpan _refreshWait;
    private readonly Lock _gate = new();
    private readonly TimeSpan _failureBackoff;
    private DateTimeOffset? _lastForcedRefresh;
    private Task<OpenIdConnectConfiguration>? _pendingFetch;
    private (DateTimeOffset At, Exception Error)? _lastFailure;

    /// <param name="metadataUrl">The OpenID metadata document (it names the JWKS).</param>
    /// <param name="http">The client both documents are fetched with.</param>
    /// <param name="requireHttps">Whether plain-HTTP addresses are refused (off only for loopback tests).</param>
    /// <param name="minimumRefreshInterval">
    /// Least time between two early refreshes. Anyone can send a token with a made-up key id; without
    /// this bound each one would make the bot fetch the keys again (and wait for them).
    /// </param>
    /// <param name="refreshWait">How long one request waits for the refreshed keys before giving up.</param>
    /// <param name="failureBackoff">After a failed fetch, how long requests are refused without another (the 503's Retry-After is 10 s).</param>
    /// <param name="logger">Where a failed fetch is reported, with its cause (every request gets only a 503 meanwhile).</param>
    public OpenIdSigningKeySource(string metadataUrl, HttpClient http, bool requireHttps,
        TimeSpan? minimumRefreshInterval = null, TimeSpan? refreshWait = null, TimeSpan? failureBackoff = null,
        ILogger? logger = null)
    {
        _metadataUrl = metadataUrl;
        _logger = logger ?? NullLogger.Instance;
        _failureBackoff = failureBackoff ?? TimeSpan.FromSeconds(10);
        var retriever = new HttpDocumentRetriever(http) { RequireHttps = requireHttps };
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever);
        _minimumRefreshInterval = minimumRefreshInterval ?? TimeSpan.FromMinutes(5);
        // The manager has its own limit on refresh requests. Ours is the one that counts (we are its only
        // caller), so set its limit to the least it allows: when we decide to refresh, it must not refuse.
        _manager.RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval;
        _refreshWait = refreshWait ?? TimeSpan.FromSeconds(3);
    }

    /// <summary>
    /// The cached configuration; fetched on first use. Throws when it cannot be fetched and none is cached,
    /// and, for a while after such a failure, without trying again.
    /// </summary>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        Task<OpenIdConnectConfiguration> fetch;
        lock (_gate)
        {
            if (_lastFailure is { } failed && DateTimeOffset.UtcNow - failed.At < _failureBackoff)
                return Task.FromException<OpenIdConnectConfiguration>(
                    new InvalidOperationException("The channel's OpenID metadata could not be fetched a moment ago; not trying again yet.", failed.Error));
            fetch = _pendingFetch ??= FetchAsync();
        }
        return fetch.WaitAsync(cancellationToken);
    }

    /// <summary>One call into the manager on behalf of every caller waiting (so no caller's cancellation ends it).</summary>
    private async Task<OpenIdConnectConfiguration> FetchAsync()
    {
        // Called under the gate: return at once, so the task is stored as pending before it can complete and clear it.
        await Task.Yield();
        try
        {
            var configuration = await _manager.GetConfigurationAsync(CancellationToken.None);
            lock (_gate) _lastFailure = null;
            return configuration;
        }
        catch (Exception ex)
        {
            lock (_gate) _lastFailure = (DateTimeOffset.UtcNow, ex);
            LogFetchFailed(_logger, ex, _metadataUrl, (int)_failureBackoff.TotalSeconds);
            throw;
        }
        finally
        {
            lock (_gate) _pendingFetch = null;
        }
    }

    /// <summary>
    /// Fetches the keys again because a token named a key id <paramref name="stale"/> does not have.
    /// Returns the new configuration, or null when an early refresh was made too recently or the new
    /// keys did not arrive in time.
    /// </summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(OpenIdConnectConfiguration stale, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (_lastForcedRefresh is { } last && now - last < _minimumRefreshInterval) return null;
            _lastForcedRefresh = now;
        }

        // The manager refreshes in the background (it does not block callers once it has a
        // configuration), so wait, briefly, for the new one to replace the stale one.
        _manager.RequestRefresh();
        var deadline = now + _refreshWait;
        while (true)
        {
            var current = await _manager.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(current, stale)) return current;
            if (DateTimeOffset.UtcNow >= deadline) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The channel's OpenID metadata or signing keys could not be fetched from {MetadataUrl}; channel requests get 503 for the next {BackoffSeconds} s, then the fetch is tried again")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string metadataUrl, int backoffSeconds);
}
