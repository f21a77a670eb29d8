using System.Net.Http.Headers;
using System.Text;
using AcuBot.Tests.Support;
using Xunit.Abstractions;
namespace AcuBot.Tests.Endpoint;
public sealed class ZzScratch(ITestOutputHelper output)
{
    [Fact]
    public async Task Dump()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var server = await BotServer.StartAsync("--Limits:ConnectorTimeout=00:00:01");
        output.WriteLine("content root: " + server.ContentRoot + " cwd " + Directory.GetCurrentDirectory());
        var slow = EmulatorActivity.Message("Does acupuncture hurt?", connector.ServiceUrl);
        connector.Behave(EmulatorActivity.ConversationIdOf(slow), new ConnectorBehavior(Delay: TimeSpan.FromSeconds(30)));
        var mark = server.Logs.Count;
        using var r = await server.Client.PostActivityAsync(slow);
        output.WriteLine($"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        foreach (var e in server.Logs.Since(mark)) output.WriteLine($"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType()} {e.Exception?.Message}");
        mark = server.Logs.Count;
        var activity = EmulatorActivity.ExpectReplies("Does acupuncture hurt?");
        activity["channelData"]!.AsObject()["padding"] = new string('x', 1024*1024);
        using var content = new StreamContent(new MemoryStreamNoSeek(Encoding.UTF8.GetBytes(activity.ToJsonString())));
        content.Headers.ContentType = new("application/json");
        using var req = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = content };
        req.Headers.TransferEncodingChunked = true;
        using var r2 = await server.Client.SendAsync(req);
        output.WriteLine($"{(int)r2.StatusCode} [{r2.Content.Headers.ContentType}] {await r2.Content.ReadAsStringAsync()}");
        foreach (var e in server.Logs.Since(mark)) output.WriteLine($"{e.Level} {e.Category}: {e.Message} {e.Exception?.GetType()} {e.Exception?.Message}");
        foreach (var q in new[]{"my back hurts and I've gone numb around my bottom and between my legs", "hello", "thanks", "tell me more", "Does acupuncture hurt?"})
        {
            var rep = Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(q)));
            output.WriteLine($"--- {q}: {rep.Kind()} {rep.Section()} [{string.Join(" | ", rep.SuggestedActions().Select(a => a.Str("title")))}]\n{rep.Text()}");
        }
    }
    private sealed class MemoryStreamNoSeek(byte[] d) : MemoryStream(d) { public override bool CanSeek => false; }
}
