using AcuBot.Protocol.Connector;

namespace AcuBot.Protocol.Tests;

public class ServiceUrlPolicyTests
{
    private readonly ServiceUrlPolicy _loopbackOnly = new([ServiceUrlPolicy.Loopback]);

    [Theory]
    [InlineData("http://localhost:52000")]
    [InlineData("http://127.0.0.1:9000/")]
    [InlineData("http://127.8.9.10")]
    [InlineData("http://[::1]:5000")]
    public void Loopback_is_allowed_by_default(string url) => Assert.True(_loopbackOnly.IsAllowed(url, out _));

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.1")]
    [InlineData("https://localhost.evil.example")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("http://user:pass@127.0.0.1")]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? url) => Assert.False(_loopbackOnly.IsAllowed(url, out _));

    [Fact]
    public void Named_hosts_can_be_allowed()
    {
        var policy = new ServiceUrlPolicy(["smba.trafficmanager.net"]);

        Assert.True(policy.IsAllowed("https://smba.trafficmanager.net/amer/", out var uri));
        Assert.Equal("smba.trafficmanager.net", uri!.Host);
        Assert.False(policy.IsAllowed("http://localhost:5000", out _));
    }
}
