using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AcuBot.Telemetry;
using AcuBot.Tests.DirectLine;
using StreamReader = AcuBot.Tests.DirectLine.StreamReader;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Telemetry;

/// <summary>
/// <c>acubot.directline.streams</c> counts a Direct Line WebSocket stream up when it opens and down when it
/// closes, observed with a <see cref="MeterListener"/> as an exporter observes it. Other tests' streams may
/// add measurements of their own, so each assertion looks for this stream's step among them.
/// </summary>
[Collection(BotServerCollection.Name)]
public sealed class DirectLineStreamMetricTests(BotServerFixture fixture)
{
    [Fact]
    public async Task An_open_stream_counts_up_and_a_closed_one_down()
    {
        var steps = new ConcurrentQueue<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AcuBotTelemetry.Name && instrument.Name == "acubot.directline.streams") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => steps.Enqueue(value));
        listener.Start();
        var client = new DirectLineClient(fixture.Client);
        var conversation = await client.StartAsync("patient-metrics");

        await using (var stream = await StreamReader.ConnectAsync(conversation.StreamUrl))
        {
            await client.SayAsync(conversation, "Does acupuncture hurt?");
            await stream.WaitForAsync(a => StreamReader.Text(a).Contains("slight pinch"));
            Assert.Contains(1L, steps);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!steps.Contains(-1L) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(-1L, steps);
    }
}
