using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AcuBot.Tests.DirectLine;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Medium 3: a page on any site can POST <c>text/plain; x=+json</c> without a CORS preflight;
/// the bot took any Content-Type containing "+json" for JSON, so such a page could drive it.
/// </summary>
public class MediaTypeTests : IAsyncLifetime
{
    private BotServer _server = null!;

    public async Task InitializeAsync() => _server = await BotServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("text/plain; x=+json")]
    [InlineData("text/plain;+json")]
    [InlineData("application/x-www-form-urlencoded; a=+json")]
    [InlineData("multipart/form-data; boundary=+json")]
    [InlineData("text/+json")]
    [InlineData("application/jsonp")]
    [InlineData("application/json-seq")]
    [InlineData("application/+json")]
    public async Task A_content_type_that_only_mentions_json_is_415_on_both_endpoints(string contentType)
    {
        using var messages = await Post(BotHttp.MessagesPath, EmulatorActivity.ExpectReplies("Does acupuncture hurt?").ToJsonString(), contentType, token: null);
        var (code, _) = await messages.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("UnsupportedMediaType", code);

        var conversation = await new DirectLineClient(_server.Client).StartAsync();
        using var directLine = await Post($"v3/directline/conversations/{conversation.Id}/activities",
            """{"type":"message","from":{"id":"x"},"text":"Does acupuncture hurt?"}""", contentType, conversation.Token);
        await directLine.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    [InlineData("application/vnd.botframework+json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        using var response = await Post(BotHttp.MessagesPath, EmulatorActivity.ExpectReplies("Does acupuncture hurt?").ToJsonString(), contentType, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> Post(string path, string body, string contentType, string? token)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _server.Client.SendAsync(request);
    }
}
