using System.Text;
using System.Text.Json;
using AcuBot.Bot;
using AcuBot.Protocol.Http;
using AcuBot.Protocol.Schema;
using BenchmarkDotNet.Attributes;

namespace AcuBot.Benchmarks;

/// <summary>
/// One whole turn as the endpoint runs it, without HTTP: the request body parsed into an Activity
/// (<see cref="ActivityRequestReader.Parse"/>), the bot's turn (checks, red flags, small talk, search,
/// composing, finishing), and the <c>expectReplies</c> response body serialized.
/// </summary>
[Config(typeof(PerCallConfig))]
public class TurnBenchmarks
{
    private BotInProcess _bot = null!;
    private byte[] _body = [];

    [Params(Corpus.Seed, Corpus.Passages10k, Corpus.Passages100k)]
    public Corpus Knowledge { get; set; } = Corpus.Seed;

    [GlobalSetup]
    public void Setup()
    {
        _bot = new BotInProcess(Corpora.Name(Knowledge));
        _body = Encoding.UTF8.GetBytes(ActivityJson(SearchBenchmarks.Question, "bench-conversation"));
        if (Turn().Length < 200) throw new InvalidOperationException("The turn gave no reply.");
        Warm.Up(() => Turn());
    }

    [Benchmark]
    public byte[] Turn() => RunTurn(_bot, _body);

    public static byte[] RunTurn(BotInProcess bot, byte[] body)
    {
        var activity = ActivityRequestReader.Parse(body).Activity ?? throw new InvalidOperationException("bad activity");
        var sink = new CollectingReplySink();
        var task = bot.Bot.OnTurnAsync(new TurnContext(activity, sink, bot.Finisher), CancellationToken.None);
        task.GetAwaiter().GetResult(); // completes synchronously with a collecting sink
        return JsonSerializer.SerializeToUtf8Bytes(new ExpectedReplies { Activities = [.. sink.Replies] }, ProtocolJsonContext.Default.ExpectedReplies);
    }

    [GlobalCleanup]
    public void Cleanup() => _bot.Dispose();

    /// <summary>An Emulator-style message asking for its replies in the response (as the load test sends).</summary>
    public static string ActivityJson(string text, string conversationId) => $$$"""
        {"type":"message","id":"{{{Guid.NewGuid():N}}}","timestamp":"2026-11-24T10:00:00.000Z","localTimestamp":"2026-11-24T11:00:00.000+01:00",
         "serviceUrl":"http://127.0.0.1:9/","channelId":"emulator","from":{"id":"user-1","name":"User","role":"user"},
         "conversation":{"id":"{{{conversationId}}}"},"recipient":{"id":"acubot","name":"AcuBot","role":"bot"},
         "textFormat":"plain","locale":"en-US","text":{{{JsonSerializer.Serialize(text)}}},"deliveryMode":"expectReplies","channelData":{"clientActivityID":"1"}}
        """;
}
