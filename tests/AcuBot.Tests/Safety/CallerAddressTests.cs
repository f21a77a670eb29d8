using System.Net;
using AcuBot.Channels;
using AcuBot.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Tests.Safety;

/// <summary>
/// Who the caller is, on its own (MessagesEndpointAccessTests and RateLimitTests have it end to end): a
/// local caller is one on this machine whose request no proxy relayed; forwarding headers are read only
/// from the proxies configured, never from loopback by default, and only for the client's address and scheme.
/// </summary>
public sealed class CallerAddressTests
{
    private static HttpContext Request(string? address, params (string Name, string Value)[] headers)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = address is null ? null : IPAddress.Parse(address);
        foreach (var (name, value) in headers) http.Request.Headers[name] = value;
        return http;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void A_caller_on_this_machine_is_local(string address)
    {
        Assert.True(LocalCaller.IsLocal(Request(address)));
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData(null)]
    public void Any_other_caller_or_one_without_an_address_is_not(string? address)
    {
        Assert.False(LocalCaller.IsLocal(Request(address)));
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Forwarded-Host")]
    [InlineData("X-Forwarded-Proto")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    [InlineData("x-real-ip")]
    public void A_request_a_proxy_relayed_is_not_local_even_from_loopback(string header)
    {
        Assert.False(LocalCaller.IsLocal(Request("127.0.0.1", (header, "203.0.113.5"))));
        Assert.True(LocalCaller.IsLocal(Request("127.0.0.1", ("X-Other", "203.0.113.5"))));
    }

    [Fact]
    public void A_log_line_names_the_callers_address_or_says_it_is_unknown()
    {
        Assert.Equal("10.0.0.1", LocalCaller.Describe(Request("10.0.0.1")));
        Assert.Equal("unknown", LocalCaller.Describe(Request(null)));
    }

    /// <summary>The caller's address and scheme as the app sees them after <see cref="TrustedProxies.UseTrustedProxies"/>.</summary>
    private static async Task<(string? Address, string Scheme)> SeenAsync(string[] trusted, string from, params (string Name, string Value)[] headers)
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseTrustedProxies(new ProxyOptions { TrustedProxies = [.. trusted] });
        (string?, string) seen = default;
        app.Run(http =>
        {
            seen = (http.Connection.RemoteIpAddress?.ToString(), http.Request.Scheme);
            return Task.CompletedTask;
        });
        var request = Request(from, headers);
        request.Request.Scheme = "http";
        await app.Build()(request);
        return seen;
    }

    private static readonly (string, string)[] Forwarded = [("X-Forwarded-For", "203.0.113.5"), ("X-Forwarded-Proto", "https")];

    [Fact]
    public async Task A_configured_proxy_gives_the_patients_address_and_scheme()
    {
        Assert.Equal(("203.0.113.5", "https"), await SeenAsync(["10.0.0.1"], "10.0.0.1", Forwarded));
        Assert.Equal(("203.0.113.5", "https"), await SeenAsync(["10.0.0.9", " 10.0.0.1 "], "10.0.0.1", Forwarded));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.2")]
    public async Task Only_the_configured_proxies_are_believed_loopback_included(string from)
    {
        Assert.Equal((from, "http"), await SeenAsync(["10.0.0.1"], from, Forwarded));
    }

    [Fact]
    public async Task Without_configured_proxies_no_forwarding_header_is_believed()
    {
        Assert.Equal(("127.0.0.1", "http"), await SeenAsync([], "127.0.0.1", Forwarded));
        Assert.Equal(("10.0.0.1", "http"), await SeenAsync([], "10.0.0.1", Forwarded));
    }

    [Fact]
    public async Task The_forwarded_host_is_not_believed_even_from_a_configured_proxy()
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        app.UseTrustedProxies(new ProxyOptions { TrustedProxies = ["10.0.0.1"] });
        string? host = null;
        app.Run(http => { host = http.Request.Host.Value; return Task.CompletedTask; });
        var request = Request("10.0.0.1", ("X-Forwarded-For", "203.0.113.5"), ("X-Forwarded-Host", "attacker.example"));
        request.Request.Host = new HostString("bot.my-clinic.example");

        await app.Build()(request);

        Assert.Equal("bot.my-clinic.example", host);
    }

    [Theory]
    [InlineData("proxy.my-clinic.example")]
    [InlineData("10.0.0.256")]
    [InlineData("")]
    public void A_trusted_proxy_that_is_not_an_ip_address_stops_the_start(string address)
    {
        var app = new ApplicationBuilder(new ServiceCollection().AddLogging().BuildServiceProvider());

        var error = Assert.Throws<InvalidOperationException>(() => app.UseTrustedProxies(new ProxyOptions { TrustedProxies = [address] }));

        Assert.Equal($"Proxy:TrustedProxies holds '{address}', which is not an IP address.", error.Message);
    }
}
