using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AcuBot.Benchmarks;

/// <summary>
/// <c>pace --url URL --rate N --seconds N [--warmup N] [--connections N] [--questions FILE] [--conversations N]</c>:
/// an open-loop load at a fixed rate, for "latency at half of peak". wrk is closed-loop: each connection
/// sends its next request only when the last one is answered, so it cannot hold a rate below the peak,
/// and with fewer connections it measures a lighter but still saturating load. Here requests are
/// scheduled at fixed times (rate/s) whatever the server does, and each latency is counted from its
/// scheduled time, not from when it was actually sent, so a stall delays every request due during it
/// and shows in the percentiles (no coordinated omission). Sends are issued from a 1 ms timer, so a
/// latency includes up to ~1 ms of the client's own batching: a conservative bias. The service time
/// (from the actual send) is printed too. Loopback only; bounded in rate, count and time.
/// </summary>
public static class PacedLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var o = Options.Parse(args);
        var url = new Uri(o.Get("url"));
        var rate = Math.Clamp(double.Parse(o.Get("rate"), CultureInfo.InvariantCulture), 1, 50_000);
        var seconds = Math.Clamp(double.Parse(o.Get("seconds", "15"), CultureInfo.InvariantCulture), 1, 120);
        var warmup = Math.Clamp(double.Parse(o.Get("warmup", "3"), CultureInfo.InvariantCulture), 0, 30);
        var connections = Math.Clamp(int.Parse(o.Get("connections", "64"), CultureInfo.InvariantCulture), 1, 1024);
        var conversations = Math.Clamp(int.Parse(o.Get("conversations", "25"), CultureInfo.InvariantCulture), 1, 10_000);
        if (!IsLoopback(url)) throw new ArgumentException("pace only loads servers on this machine's loopback addresses");

        var bodies = Questions(o.Get("questions", RepoPaths.EvalQuestions))
            .SelectMany((q, i) => Enumerable.Range(0, conversations).Select(c => (q, c)))
            .Select((x, n) => Encoding.UTF8.GetBytes(TurnBenchmarks.ActivityJson(x.q, $"pace-{x.c}")))
            .ToArray();
        // Interleave so consecutive requests ask different questions.
        var order = Enumerable.Range(0, bodies.Length).OrderBy(i => (i * 7919L) % bodies.Length).ToArray();

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var json = new MediaTypeHeaderValue("application/json");

        var total = (int)Math.Round((warmup + seconds) * rate);
        var measuredFrom = (int)Math.Round(warmup * rate);
        var latency = new long[total];
        var service = new long[total];
        int completed = 0, failed = 0, wrongBody = 0, dropped = 0, outstanding = 0;
        const int MaxOutstanding = 20_000;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        async Task SendAsync(int i, long scheduled)
        {
            var started = Stopwatch.GetTimestamp();
            var ok = false;
            try
            {
                using var content = new ByteArrayContent(bodies[order[i % bodies.Length]]);
                content.Headers.ContentType = json;
                using var response = await client.PostAsync(url, content);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                ok = response.StatusCode == HttpStatusCode.OK;
                if (ok && bytes.AsSpan().IndexOf("\"activities\""u8) < 0) Interlocked.Increment(ref wrongBody);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException) { }
            var done = Stopwatch.GetTimestamp();
            latency[i] = ok ? done - scheduled : -1;
            service[i] = ok ? done - started : -1;
            if (!ok) Interlocked.Increment(ref failed);
            Interlocked.Increment(ref completed);
            Interlocked.Decrement(ref outstanding);
        }

        var interval = Stopwatch.Frequency / rate;
        var t0 = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && t0 + (long)(next * interval) <= now)
            {
                var scheduled = t0 + (long)(next * interval);
                if (Volatile.Read(ref outstanding) >= MaxOutstanding)
                {
                    latency[next] = service[next] = -1;
                    dropped++;
                    Interlocked.Increment(ref completed);
                }
                else
                {
                    Interlocked.Increment(ref outstanding);
                    _ = SendAsync(next, scheduled);
                }
                next++;
            }
            if (next < total) Thread.Sleep(1);
        }
        var deadline = Stopwatch.GetTimestamp() + 15 * Stopwatch.Frequency;
        while (Volatile.Read(ref completed) < total && Stopwatch.GetTimestamp() < deadline) await Task.Delay(10);
        var end = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var measured = latency[measuredFrom..].Where(t => t >= 0).Order().ToArray();
        var serviceTimes = service[measuredFrom..].Where(t => t >= 0).Order().ToArray();
        var windowStart = t0 + (long)(measuredFrom * interval);
        double Ms(long[] sorted, double p) => sorted.Length == 0 ? double.NaN
            : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency, 3);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["target_rate"] = Math.Round(rate, 1),
            ["achieved_rate"] = Math.Round(measured.Length / ((end - windowStart) / (double)Stopwatch.Frequency), 1),
            ["requests"] = measured.Length,
            ["failed"] = failed,
            ["dropped"] = dropped,
            ["wrong_body"] = wrongBody,
            ["p50_ms"] = Ms(measured, 50),
            ["p90_ms"] = Ms(measured, 90),
            ["p99_ms"] = Ms(measured, 99),
            ["p999_ms"] = Ms(measured, 99.9),
            ["max_ms"] = Ms(measured, 100),
            ["service_p50_ms"] = Ms(serviceTimes, 50),
            ["service_p99_ms"] = Ms(serviceTimes, 99),
            ["client_cpu_s"] = Math.Round(cpu.TotalSeconds, 2),
        }));
        return failed + dropped == 0 ? 0 : 2;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The "q" of each line of a question set (tests/eval format).</summary>
    public static IReadOnlyList<string> Questions(string path) =>
        File.ReadLines(path).Where(l => l.TrimStart().StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .ToArray();
}
