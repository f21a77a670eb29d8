using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace AcuBot.Benchmarks;

/// <summary>The command-line tools behind bench/run-startup.sh and bench/run-load.sh.</summary>
public static class Tools
{
    /// <summary><c>kb N...</c>: writes (or reuses) the generated knowledge folders and prints their paths and sizes.</summary>
    public static int GenerateKnowledge(string[] args)
    {
        foreach (var arg in args.Length > 0 ? args : ["10000", "100000"])
        {
            var started = Stopwatch.GetTimestamp();
            var folder = KnowledgeGenerator.EnsureFolder(int.Parse(arg, CultureInfo.InvariantCulture));
            var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var knowledge = Loader(folder).Load();
            Console.WriteLine($"{folder}\t{knowledge.Documents.Count} files\t{knowledge.Sections.Count} sections\t{knowledge.Passages.Count} passages\t{bytes / 1e6:F1} MB\t{Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }
        return 0;
    }

    /// <summary>
    /// <c>index CORPUS</c>: in this fresh process, times reading the folder into passages and building the
    /// Lucene index over them (cold: the first run of the code, as at the bot's start), and prints one JSON line.
    /// </summary>
    public static int TimeIndexBuild(string[] args)
    {
        var corpus = args.FirstOrDefault() ?? Corpora.Seed;
        var folder = Corpora.Folder(corpus);
        var analyzer = new PassageAnalyzer();
        var started = Stopwatch.GetTimestamp();
        var knowledge = Loader(folder).Load();
        var loaded = Stopwatch.GetElapsedTime(started);
        using var index = KnowledgeIndex.Build(knowledge, analyzer, new SearchTuning());
        var total = Stopwatch.GetElapsedTime(started);
        index.Search(SearchBenchmarks.Question);
        GC.Collect();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["corpus"] = corpus,
            ["passages"] = knowledge.Passages.Count,
            ["terms"] = index.Vocabulary.Count,
            ["load_ms"] = Math.Round(loaded.TotalMilliseconds, 1),
            ["index_ms"] = Math.Round((total - loaded).TotalMilliseconds, 1),
            ["total_ms"] = Math.Round(total.TotalMilliseconds, 1),
            ["managed_heap_mb"] = Math.Round(GC.GetTotalMemory(false) / 1e6, 1),
            ["rss_mb"] = Math.Round(ProcStatus.Read(Environment.ProcessId, "VmRSS") / 1024.0, 1),
        }));
        return 0;
    }

    /// <summary>
    /// <c>startup --dll PATH --knowledge CORPUS --port N [--runs N] [--settle-ms N]</c>: starts the bot's
    /// server, times process start to the first 200 from /healthz, reads its resident memory then and after
    /// it settles, stops it; once per run. Prints one JSON line per run.
    /// </summary>
    public static async Task<int> TimeStartupAsync(string[] args)
    {
        var options = Options.Parse(args);
        var dll = options.Get("dll");
        var corpus = options.Get("knowledge", Corpora.Seed);
        var port = int.Parse(options.Get("port", "5391"), CultureInfo.InvariantCulture);
        var runs = Math.Clamp(int.Parse(options.Get("runs", "5"), CultureInfo.InvariantCulture), 1, 20);
        var settle = TimeSpan.FromMilliseconds(int.Parse(options.Get("settle-ms", "2000"), CultureInfo.InvariantCulture));
        var folder = Corpora.Folder(corpus);
        var scratch = Directory.CreateTempSubdirectory("acubot-startup-").FullName;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var run = 1; run <= runs; run++)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}", $"--Knowledge:Folder={folder}",
                         $"--Unanswered:DatabasePath={Path.Combine(scratch, "unanswered.db")}" })
                start.ArgumentList.Add(a);

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the bot");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                TimeSpan? ready = null;
                while (clock.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
                {
                    try
                    {
                        using var response = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
                        if (response.IsSuccessStatusCode) { ready = clock.Elapsed; break; }
                    }
                    catch (HttpRequestException) { }
                    catch (TaskCanceledException) { }
                    await Task.Delay(5);
                }
                if (ready is null) throw new InvalidOperationException($"the bot was not ready within 120 s (exited: {process.HasExited})");
                var rssReady = ProcStatus.Read(process.Id, "VmRSS");
                await Task.Delay(settle);
                var rssSettled = ProcStatus.Read(process.Id, "VmRSS");
                var peak = ProcStatus.Read(process.Id, "VmHWM");
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["corpus"] = corpus,
                    ["run"] = run,
                    ["ready_ms"] = Math.Round(ready.Value.TotalMilliseconds, 0),
                    ["rss_ready_mb"] = Math.Round(rssReady / 1024.0, 1),
                    ["rss_settled_mb"] = Math.Round(rssSettled / 1024.0, 1),
                    ["rss_peak_mb"] = Math.Round(peak / 1024.0, 1),
                }));
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        Directory.Delete(scratch, recursive: true);
        return 0;
    }

    private static KnowledgeLoader Loader(string folder) =>
        new(new KnowledgeSourceOptions { Folder = folder }, new PassageAnalyzer(), NullLogger<KnowledgeLoader>.Instance);
}

/// <summary>Fields of /proc/PID/status, in kB.</summary>
public static class ProcStatus
{
    public static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return 0;
    }
}

/// <summary><c>--name value</c> pairs.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            var name = args[i][2..];
            options._values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return options;
    }

    public string Get(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");
}
