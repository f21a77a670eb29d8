using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AcuBot.Soak;

// A bounded soak: the bot in its own process on loopback, a steady mix of Bot Framework (expectReplies),
// Direct Line and health requests for a few minutes, errors counted and resident memory sampled.
// Usage: dotnet run -c Release --project bench/AcuBot.Soak -- [--minutes 3] [--rate 100] [--port 5199]
var options = SoakOptions.Parse(args);
var root = FindRepositoryRoot();
var questions = File.ReadLines(Path.Combine(root, "tests", "eval", "questions.jsonl"))
    .Concat(File.ReadLines(Path.Combine(root, "tests", "eval", "holdout.jsonl")))
    .Where(l => l.Length > 0)
    .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
    .ToArray();
var disclaimer = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "appsettings.json"))).RootElement
    .GetProperty("Clinic").GetProperty("Disclaimer").GetString()!;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(10) };
using var bot = await BotProcess.StartAsync(root, options.Port, http);
var baseUrl = $"http://127.0.0.1:{options.Port}";
Console.WriteLine($"Soak: {options.Minutes} min at {options.RatePerSecond} requests/s against {baseUrl} (bot pid {bot.Id}), {Environment.ProcessorCount} cores");

// Direct Line conversations the load posts into, as Web Chat would.
var conversations = new List<(string Id, string Token)>();
for (var i = 0; i < 20; i++)
{
    var session = await (await http.PostAsJsonAsync($"{baseUrl}/api/webchat/token", new { userId = $"soak-{i}" })).Content.ReadFromJsonAsync<JsonElement>();
    var token = session.GetProperty("token").GetString()!;
    using var start = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/v3/directline/conversations");
    start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    (await http.SendAsync(start)).EnsureSuccessStatusCode();
    conversations.Add((session.GetProperty("conversationId").GetString()!, token));
}

var stats = new Stats();
using var inFlight = new SemaphoreSlim(256);
var duration = TimeSpan.FromMinutes(options.Minutes);
var clock = Stopwatch.StartNew();
var samples = new List<Sample>();
var nextSample = options.SampleEvery;
long sent = 0;
var tasks = new List<Task>();

while (clock.Elapsed < duration && !bot.HasExited)
{
    // Pace: start the requests that are due by now, then sleep a little.
    var due = (long)(clock.Elapsed.TotalSeconds * options.RatePerSecond);
    for (; sent < due; sent++)
    {
        if (!inFlight.Wait(0)) { stats.Saturated(); continue; }
        var n = sent;
        tasks.Add(Task.Run(async () =>
        {
            try { await OneRequestAsync(n); }
            finally { inFlight.Release(); }
        }));
    }
    tasks.RemoveAll(t => t.IsCompleted);
    if (clock.Elapsed >= nextSample)
    {
        var sample = stats.TakeSample(clock.Elapsed, bot.ResidentMegabytes());
        samples.Add(sample);
        Console.WriteLine(sample);
        nextSample += options.SampleEvery;
    }
    await Task.Delay(5);
}
await Task.WhenAll(tasks);
var last = stats.TakeSample(clock.Elapsed, bot.ResidentMegabytes());
samples.Add(last);
Console.WriteLine(last);

// Memory is stable when, after the first third (start-up, JIT, caches filling), it stops growing.
var settled = samples.First(s => s.Elapsed >= duration / 3);
var growth = last.ResidentMb - settled.ResidentMb;
var stable = growth <= Math.Max(10, settled.ResidentMb * 0.10);
Console.WriteLine($"Total {stats.TotalRequests} requests, {stats.TotalErrors} errors, {stats.TotalSaturated} not sent (256 in flight)");
Console.WriteLine($"Resident memory: {samples[0].ResidentMb:F0} MB at {samples[0].Elapsed.TotalSeconds:F0} s, {settled.ResidentMb:F0} MB at {settled.Elapsed.TotalSeconds:F0} s, {last.ResidentMb:F0} MB at the end ({growth:+0;-0} MB: {(stable ? "stable" : "GROWING")})");
foreach (var error in stats.FirstErrors) Console.WriteLine("error: " + error);
var passed = stats.TotalErrors == 0 && stable && !bot.HasExited;
Console.WriteLine(passed ? "SOAK PASSED" : "SOAK FAILED");
return passed ? 0 : 1;

async Task OneRequestAsync(long n)
{
    var started = Stopwatch.GetTimestamp();
    try
    {
        var kind = n % 10;
        if (kind < 7)
        {
            var activity = new
            {
                type = "message", id = $"soak-{n}", text = questions[n % questions.Length], deliveryMode = "expectReplies",
                channelId = "soak", from = new { id = "user" }, recipient = new { id = "bot" }, conversation = new { id = $"soak-{n % 1000}" },
            };
            using var response = await http.PostAsJsonAsync($"{baseUrl}/api/messages", activity);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !body.Contains(disclaimer[..40], StringComparison.Ordinal))
                stats.Error($"/api/messages {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
        }
        else if (kind < 9)
        {
            var (id, token) = conversations[(int)(n % conversations.Count)];
            using var post = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/v3/directline/conversations/{id}/activities")
            {
                Content = JsonContent.Create(new { type = "message", from = new { id = "soak" }, text = questions[n % questions.Length] }),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(post);
            if (!response.IsSuccessStatusCode) stats.Error($"Direct Line {(int)response.StatusCode}");
        }
        else
        {
            using var response = await http.GetAsync($"{baseUrl}/healthz");
            if (!response.IsSuccessStatusCode) stats.Error($"/healthz {(int)response.StatusCode}");
        }
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        stats.Error(ex.GetType().Name + ": " + ex.Message);
    }
    finally
    {
        stats.Done(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}

static string FindRepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "AcuBot.sln"))) return folder.FullName;
    throw new InvalidOperationException("Run the soak from inside the repository.");
}
