using System.Net;
using System.Net.Http.Json;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Endpoint;

/// <summary>What every response carries: its length, and the headers that make it safer to serve.</summary>
[Collection(BotServerCollection.Name)]
public sealed class ResponseHeadersTests(BotServerFixture fixture)
{
    [Fact]
    public async Task Replies_in_the_body_come_with_their_length_not_chunked()
    {
        using var response = await fixture.Client.PostAsJsonAsync(BotHttp.MessagesPath, EmulatorActivity.ExpectReplies("Does acupuncture hurt?"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task Errors_come_with_their_length_too()
    {
        using var response = await fixture.Client.PostRawAsync("{not json", "application/json");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Each_host_gets_a_content_security_policy_naming_itself()
    {
        // The policy is kept for the last host seen: requests to two names in turn must each get their own.
        foreach (var host in new[] { "clinic.example", "bot.clinic.example:8443", "clinic.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
            request.Headers.Host = host;
            using var response = await fixture.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains($"connect-src 'self' ws://{host} wss://{host};", policy);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        }
    }
}
