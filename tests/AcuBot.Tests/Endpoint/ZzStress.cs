using AcuBot.Tests.Support;
using Xunit.Abstractions;
namespace AcuBot.Tests.Endpoint;
public sealed class ZzStress(ITestOutputHelper output)
{
    [Fact]
    public async Task Stress()
    {
        await using var server = await BotServer.StartAsync();
        string[] qs = ["Does acupuncture hurt?", "What are the risks of acupuncture?", "How long do the needles stay in?", "Can acupuncture help with back pain?", "What is the capital of France?"];
        var expected = new Dictionary<string, string?>();
        foreach (var q in qs) expected[q] = (await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies(q)))[0].Section();
        var mark = server.Logs.Count;
        int bad = 0, wrong = 0;
        for (var round = 0; round < 30; round++)
        {
            var tasks = Enumerable.Range(0, 40).Select(async i => {
                var q = qs[i % qs.Length];
                using var r = await server.Client.PostActivityAsync(EmulatorActivity.ExpectReplies(q));
                if ((int)r.StatusCode != 200) { Interlocked.Increment(ref bad); return; }
                var body = await r.ReadJsonAsync();
                var sec = body.GetProperty("activities")[0].Section();
                if (sec != expected[q]) { Interlocked.Increment(ref wrong); output.WriteLine($"WRONG {q}: {sec} expected {expected[q]}"); }
            }).ToArray();
            await Task.WhenAll(tasks);
        }
        output.WriteLine($"bad {bad} wrong {wrong}");
        foreach (var f in server.Logs.ServerFailuresSince(mark).Take(3)) output.WriteLine($"{f.Category}: {f.Message} {f.Exception}");
    }
}
