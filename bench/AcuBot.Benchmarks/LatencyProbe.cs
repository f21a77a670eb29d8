using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;

namespace AcuBot.Benchmarks;

/// <summary>
/// <c>latency [--knowledge CORPUS] [--calls N] [--what search|turn] [--mix] [--alloc] [--by-question]</c>: times single calls in
/// a loop and splits the tail by whether a garbage collection ran during the call, to tell GC pauses from
/// slow searches. --mix cycles through the eval question set instead of the one benchmark question.
/// --alloc samples the allocations (the runtime's AllocationTick event, one per ~100 KB) and prints the
/// types that take the most.
/// Run it with DOTNET_gcServer=0 or DOTNET_GCgen0size=... to see what the GC settings change.
/// </summary>
public static class LatencyProbe
{
    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        var corpus = o.Get("knowledge", Corpora.Seed);
        var calls = Math.Clamp(int.Parse(o.Get("calls", "20000"), CultureInfo.InvariantCulture), 100, 1_000_000);
        var what = o.Get("what", "turn");
        var questions = o.Get("mix", "false") == "true" ? PacedLoad.Questions(RepoPaths.EvalQuestions) : [SearchBenchmarks.Question];
        using var bot = new BotInProcess(corpus);
        var turns = new TurnBenchmarks();
        var bodies = questions.Select((q, i) => Encoding.UTF8.GetBytes(TurnBenchmarks.ActivityJson(q, $"probe-{i}"))).ToArray();
        Action<int> call = what == "search"
            ? i => bot.Index.Search(questions[i % questions.Count])
            : i => TurnBenchmarks.RunTurn(bot, bodies[i % bodies.Length]);

        for (var round = 0; round < 3; round++) { for (var i = 0; i < 500; i++) call(i); Thread.Sleep(250); }

        using var allocations = o.Get("alloc", "false") == "true" ? new AllocationSampler() : null;
        var times = new double[calls];
        var withGc = new bool[calls];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var gc = GC.CollectionCount(0);
            var t = Stopwatch.GetTimestamp();
            call(i);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            withGc[i] = GC.CollectionCount(0) != gc;
        }
        var elapsed = clock.Elapsed;
        allocations?.Dispose();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcs = GC.CollectionCount(0) - gcBefore;

        static double P(IEnumerable<double> values, double p)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)], 1);
        }
        var info = GC.GetGCMemoryInfo();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["corpus"] = corpus,
            ["what"] = what,
            ["questions"] = questions.Count,
            ["server_gc"] = GCSettings.IsServerGC,
            ["calls"] = calls,
            ["mean_us"] = Math.Round(times.Average(), 1),
            ["p50_us"] = P(times, 50),
            ["p99_us"] = P(times, 99),
            ["max_us"] = P(times, 100),
            ["calls_with_gc"] = withGc.Count(g => g),
            ["p99_us_without_gc"] = P(times.Where((_, i) => !withGc[i]), 99),
            ["mean_us_with_gc"] = Math.Round(times.Where((_, i) => withGc[i]).DefaultIfEmpty(double.NaN).Average(), 1),
            ["gen0_gcs"] = gcs,
            ["gc_pause_ms_total"] = Math.Round((GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds, 1),
            ["kb_per_call"] = Math.Round(allocated / 1024.0 / calls, 1),
            ["calls_per_s"] = Math.Round(calls / elapsed.TotalSeconds, 0),
            ["gen0_budget_mb"] = Math.Round(info.GenerationInfo[0].SizeBeforeBytes / 1e6, 1),
        }));
        if (o.Get("by-question", "false") == "true")
        {
            // The slowest questions by median time, with their search's concept count (what the query holds).
            var byQuestion = Enumerable.Range(0, calls).GroupBy(i => i % questions.Count)
                .Select(g => (Question: questions[g.Key], Median: P(g.Select(i => times[i]), 50)))
                .OrderByDescending(x => x.Median).Take(10);
            foreach (var (question, median) in byQuestion)
                Console.WriteLine($"{median,10:F1} us  {question}");
        }
        if (allocations is not null)
        {
            var sampled = allocations.ByType.Values.Sum();
            foreach (var (type, bytes) in allocations.ByType.OrderByDescending(kv => kv.Value).Take(25))
                Console.WriteLine($"{bytes * 100.0 / sampled,6:F1}%  {bytes / 1024.0 / calls,8:F1} KB/call  {type}");
        }
        return 0;
    }

    /// <summary>Sums the runtime's allocation samples by type name.</summary>
    private sealed class AllocationSampler : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick at verbose level
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
            var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
            var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
            ByType.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }
}
