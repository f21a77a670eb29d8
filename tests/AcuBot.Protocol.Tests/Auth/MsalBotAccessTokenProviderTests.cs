using AcuBot.Protocol.Auth;
using Microsoft.Identity.Client;

namespace AcuBot.Protocol.Tests.Auth;

public class MsalBotAccessTokenProviderTests
{
    private const string Password = "s3cret-app-password";

    private static BotAuthenticationOptions Options(FakeTokenAuthority authority) => new()
    {
        MicrosoftAppId = TokenDefaults.AppId,
        MicrosoftAppPassword = Password,
        TokenAuthority = authority.Authority,
    };

    [Fact]
    public async Task The_token_comes_from_the_client_credentials_grant_for_the_bot_connector_scope()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        var provider = new MsalBotAccessTokenProvider(Options(authority), authority);

        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(Assert.Single(authority.Issued), token);
        var request = Assert.Single(authority.Received);
        Assert.Equal(FakeTokenAuthority.TokenPath, request.Path);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal(TokenDefaults.AppId, request.Form["client_id"]);
        Assert.Equal(Password, request.Form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"]);
    }

    [Fact]
    public async Task A_second_call_is_answered_from_the_cache_without_asking_the_authority()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        var provider = new MsalBotAccessTokenProvider(Options(authority), authority);

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => provider.GetAccessTokenAsync(CancellationToken.None)));

        Assert.Equal(first, second);
        Assert.All(concurrent, token => Assert.Equal(first, token));
        Assert.Equal(1, authority.TokenRequests);
        Assert.Single(authority.Received);   // MSAL called nothing else (no discovery, no metadata)
    }

    [Fact]
    public async Task A_token_close_to_expiry_is_renewed()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        // MSAL treats a token within 5 minutes of its expiry as expired.
        authority.TokenLifetime = TimeSpan.FromMinutes(4);
        var provider = new MsalBotAccessTokenProvider(Options(authority), authority);

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, authority.TokenRequests);
    }

    [Fact]
    public async Task A_refused_client_secret_surfaces_as_an_MSAL_error()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        authority.Status = 401;
        var provider = new MsalBotAccessTokenProvider(Options(authority), authority);

        var error = await Assert.ThrowsAsync<MsalServiceException>(() => provider.GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal("invalid_client", error.ErrorCode);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Fact]
    public async Task Without_credentials_no_token_is_asked_for()
    {
        await using var authority = await FakeTokenAuthority.StartAsync();
        var options = Options(authority);
        options.MicrosoftAppPassword = null;
        var provider = new MsalBotAccessTokenProvider(options, authority);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.GetAccessTokenAsync(CancellationToken.None));
        Assert.Equal("No access token can be had: MicrosoftAppId and MicrosoftAppPassword must both be set.", error.Message);
        Assert.Empty(authority.Received);
    }

    [Fact]
    public async Task MSAL_calls_the_configured_authority_and_nothing_else_not_even_instance_discovery()
    {
        // Under a host name of its own, so that no other test's authority is in MSAL's process-wide
        // instance-discovery cache; every other address is refused as if the machine were offline.
        await using var authority = await FakeTokenAuthority.StartAsync();
        using var calls = new OnlyTheAuthority(authority);
        var options = Options(authority);
        options.TokenAuthority = calls.Authority;
        var provider = new MsalBotAccessTokenProvider(options, calls);

        var token = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(Assert.Single(authority.Issued), token);
        Assert.Equal([calls.Authority + "/oauth2/v2.0/token"], calls.Requested);
    }

    /// <summary>
    /// MSAL's HTTP: requests to <see cref="Authority"/>'s host go to the fake authority; any other is
    /// recorded and fails as unreachable (a test never leaves loopback).
    /// </summary>
    private sealed class OnlyTheAuthority : DelegatingHandler, IMsalHttpClientFactory
    {
        private readonly string _host = $"authority-{Guid.NewGuid():N}.invalid";
        private readonly Uri _real;
        private readonly HttpClient _client;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _requested = new();

        public OnlyTheAuthority(FakeTokenAuthority authority) : base(authority.Certificate.CreateTrustingHandler())
        {
            _real = new Uri(authority.BaseUrl);
            Authority = $"https://{_host}:{_real.Port}/{FakeTokenAuthority.Tenant}";
            _client = new HttpClient(this, disposeHandler: false);
        }

        /// <summary>The authority to configure: the fake one under this handler's own host name.</summary>
        public string Authority { get; }

        /// <summary>Every address MSAL asked for, without its query.</summary>
        public IReadOnlyList<string> Requested => [.. _requested];

        public HttpClient GetHttpClient() => _client;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            _requested.Enqueue(uri.GetLeftPart(UriPartial.Path));
            if (uri.Host != _host) throw new HttpRequestException($"{uri.Host} is not reachable from a test");
            request.RequestUri = new UriBuilder(uri) { Host = _real.Host }.Uri;
            return base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _client.Dispose();
            base.Dispose(disposing);
        }
    }
}
