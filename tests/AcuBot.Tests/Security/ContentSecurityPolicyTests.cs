using System.Net;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Low 9: the request's Host header was copied into the Content-Security-Policy, so a caller
/// (or a cache shared with one) could write directives of its own into the page's policy.
/// </summary>
public class ContentSecurityPolicyTests
{
    [Fact]
    public async Task With_allowed_hosts_set_another_host_header_is_refused_before_any_policy_is_written()
    {
        await using var server = await BotServer.StartAsync("--AllowedHosts=bot.clinic.example");

        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.Host = "attacker.example";
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("attacker.example", string.Join(";", response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []));
        Assert.Contains("wss://bot.clinic.example;", await PolicyFor(server, "bot.clinic.example"));
    }

    [Fact]
    public async Task With_a_public_base_url_the_policy_names_it_whatever_the_host_header_says()
    {
        await using var server = await BotServer.StartAsync("--DirectLine:PublicBaseUrl=https://bot.clinic.example");

        var policy = await PolicyFor(server, "attacker.example");

        Assert.Contains("connect-src 'self' ws://bot.clinic.example wss://bot.clinic.example;", policy);
        Assert.DoesNotContain("attacker.example", policy);
    }

    private static async Task<string> PolicyFor(BotServer server, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.Host = host;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
    }
}
