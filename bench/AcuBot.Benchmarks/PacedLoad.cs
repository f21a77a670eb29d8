using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace AcuBot.Benchmarks;

/// <summary>
/// <c>pace --url URL --rate N [--seconds N] [--warmup N] [--connections N] [--questions FILE] [--conversations N]</c>:
/// an open-loop load at a fixed rate, for "latency at half of peak".
/// <para>
/// wrk is closed-loop: each connection sends its next request only when the last one is answered, so it
/// cannot hold a rate below the peak, and with fewer connections it measures a lighter load that still
/// runs the server flat out whenever it can. Here requests are due at fixed times (rate a second) whatever
/// the server does, and each latency is counted from the moment the request was released to be sent, not
/// from when a connection was free to send it, so a stall delays every request released during it and
/// shows in the percentiles (no coordinated omission). Requests are released by a 1 ms timer, a few at a
/// time; the latency counted from each request's exact due time (so including up to ~1 ms of that
/// batching) is printed too (p99_from_due_ms), and so is the service time (from the actual send).
/// </para>
/// <para>
/// The client is a minimal HTTP/1.1 one over keep-alive sockets with every request encoded up front, so it
/// costs the machine (two cores, shared with the server) little more than wrk does; HttpClient cost about
/// four times as much CPU a request and took that from the server. Run it with DOTNET_gcServer=0 (it
/// allocates almost nothing per request) and DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 (idle thread-pool
/// threads spinning for work doubled its CPU). Loopback only; bounded in rate, count and time.
/// </para>
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
        if (!IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && url.IsLoopback) address = IPAddress.Loopback;
        if (address is null || !IPAddress.IsLoopback(address)) throw new ArgumentException("pace only loads servers on this machine's loopback addresses");

        // Every request encoded once: a question in a conversation, in a fixed shuffled order.
        var questions = Questions(o.Get("questions", RepoPaths.EvalQuestions));
        var requests = new List<byte[]>();
        for (var c = 0; c < conversations; c++)
            foreach (var q in questions)
            {
                var body = Encoding.UTF8.GetBytes(TurnBenchmarks.ActivityJson(q, $"pace-{c}"));
                var head = Encoding.ASCII.GetBytes($"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
                requests.Add([.. head, .. body]);
            }
        var stride = 7919 % requests.Count;
        while (stride == 0 || Gcd(stride, requests.Count) != 1) stride++;

        var total = (int)Math.Round((warmup + seconds) * rate);
        var measuredFrom = (int)Math.Round(warmup * rate);
        var latency = new long[total];
        var service = new long[total];
        var fromDue = new long[total];
        var released = new long[total];
        var interval = Stopwatch.Frequency / rate;
        int failed = 0, wrongBody = 0, completed = 0;
        var due = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleWriter = true });
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long t0 = 0;

        async Task ConnectionAsync()
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(address, url.Port));
            var buffer = new byte[256 * 1024];
            while (await due.Reader.WaitToReadAsync())
                while (due.Reader.TryRead(out var i))
                {
                    var started = Stopwatch.GetTimestamp();
                    var ok = false;
                    try
                    {
                        var request = requests[(int)((long)i * stride % requests.Count)];
                        await socket.SendAsync(request, SocketFlags.None);
                        var (status, length) = await ReadResponseAsync(socket, buffer);
                        ok = status == 200;
                        if (ok && buffer.AsSpan(0, length).IndexOf("\"activities\""u8) < 0) Interlocked.Increment(ref wrongBody);
                    }
                    catch (Exception ex) when (ex is SocketException or IOException or InvalidDataException) { }
                    var done = Stopwatch.GetTimestamp();
                    latency[i] = ok ? done - released[i] : -1;
                    fromDue[i] = ok ? done - (t0 + (long)(i * interval)) : -1;
                    service[i] = ok ? done - started : -1;
                    if (!ok) Interlocked.Increment(ref failed);
                    Interlocked.Increment(ref completed);
                    if (!ok) return; // the connection's state is unknown after a failure
                }
        }

        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(ConnectionAsync)).ToArray();
        await Task.Delay(200); // connected before the clock starts

        t0 = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && t0 + (long)(next * interval) <= now)
            {
                released[next] = now;
                due.Writer.TryWrite(next++);
            }
            if (next < total) Thread.Sleep(1);
        }
        due.Writer.Complete();
        var finished = Task.WhenAll(workers);
        await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(15)));
        var end = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var unanswered = total - Volatile.Read(ref completed);

        var measured = latency[measuredFrom..].Where(t => t > 0).Order().ToArray();
        var serviceTimes = service[measuredFrom..].Where(t => t > 0).Order().ToArray();
        var dueTimes = fromDue[measuredFrom..].Where(t => t > 0).Order().ToArray();
        var windowStart = t0 + (long)(measuredFrom * interval);
        double Ms(long[] sorted, double p) => sorted.Length == 0 ? -1
            : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency, 3);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["target_rate"] = Math.Round(rate, 1),
            ["achieved_rate"] = Math.Round(measured.Length / ((end - windowStart) / (double)Stopwatch.Frequency), 1),
            ["requests"] = measured.Length,
            ["failed"] = failed,
            ["dropped"] = unanswered,
            ["wrong_body"] = wrongBody,
            ["p50_ms"] = Ms(measured, 50),
            ["p90_ms"] = Ms(measured, 90),
            ["p99_ms"] = Ms(measured, 99),
            ["p999_ms"] = Ms(measured, 99.9),
            ["max_ms"] = Ms(measured, 100),
            ["p99_from_due_ms"] = Ms(dueTimes, 99),
            ["service_p50_ms"] = Ms(serviceTimes, 50),
            ["service_p99_ms"] = Ms(serviceTimes, 99),
            ["client_cpu_s"] = Math.Round(cpu.TotalSeconds, 2),
        }));
        return failed + unanswered == 0 ? 0 : 2;
    }

    /// <summary>
    /// Reads one HTTP/1.1 response into <paramref name="buffer"/>: the status code and the bytes read.
    /// Knows Content-Length and chunked bodies (Kestrel sends JSON results chunked).
    /// </summary>
    private static async Task<(int Status, int Length)> ReadResponseAsync(Socket socket, byte[] buffer)
    {
        int length = 0, headerEnd = -1, contentLength = -1;
        var chunked = false;
        while (true)
        {
            if (length == buffer.Length) throw new InvalidDataException("response larger than the buffer");
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None);
            if (read == 0) throw new IOException("connection closed");
            length += read;
            if (headerEnd < 0)
            {
                var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
                if (end < 0) continue;
                headerEnd = end + 4;
                var head = buffer.AsSpan(0, headerEnd);
                chunked = head.IndexOf("Transfer-Encoding: chunked"u8) >= 0;
                var at = head.IndexOf("Content-Length:"u8);
                if (at >= 0 && Utf8Parser.TryParse(head[(at + 15)..].TrimStart((byte)' '), out int n, out _)) contentLength = n;
            }
            var complete = chunked
                ? buffer.AsSpan(0, length).EndsWith("0\r\n\r\n"u8) && (length - headerEnd == 5 || buffer.AsSpan(0, length).EndsWith("\r\n0\r\n\r\n"u8))
                : length - headerEnd >= Math.Max(0, contentLength);
            if (!complete) continue;
            if (!Utf8Parser.TryParse(buffer.AsSpan(9, 3), out int status, out _)) throw new InvalidDataException("no status line");
            return (status, length);
        }
    }

    private static int Gcd(int a, int b) { while (b != 0) (a, b) = (b, a % b); return a; }

    /// <summary>The "q" of each line of a question set (tests/eval format).</summary>
    public static IReadOnlyList<string> Questions(string path) =>
        File.ReadLines(path).Where(l => l.TrimStart().StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .ToArray();
}
