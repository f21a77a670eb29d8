using System.Net;
using AcuBot.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Medium 4: a serviceUrl on the allow-list answered 307 to a host the list refuses, and the bot
/// followed it, POSTing the reply there. The connector client follows no redirect now.
/// </summary>
public class ConnectorRedirectTests
{
    [Theory]
    [InlineData(StatusCodes.Status307TemporaryRedirect)]
    [InlineData(StatusCodes.Status308PermanentRedirect)]
    [InlineData(StatusCodes.Status302Found)]
    public async Task A_redirect_from_an_allowed_service_url_is_not_followed(int status)
    {
        // "localhost" is loopback, but the list below names 127.0.0.1 only: the bot must never POST there.
        await using var elsewhere = await LoopbackServer.StartAsync(http => Task.CompletedTask);
        var refusedHost = elsewhere.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var allowed = await LoopbackServer.StartAsync(http =>
        {
            http.Response.StatusCode = status;
            http.Response.Headers.Location = refusedHost + http.Request.Path;
            return Task.CompletedTask;
        });
        await using var server = await BotServer.StartAsync("--Channels:AllowedServiceUrlHosts:0=127.0.0.1", "--Limits:ConnectorTimeout=00:00:03");
        var mark = server.Logs.Count;

        using var response = await server.Client.PostActivityAsync(EmulatorActivity.Message("Does acupuncture hurt?", allowed.BaseUrl));

        await response.AssertErrorAsync(HttpStatusCode.BadGateway);
        Assert.Single(allowed.Received);
        Assert.Empty(elsewhere.Received);
        Assert.Empty(server.Logs.ServerFailuresSince(mark));
    }
}
