using AcuBot.Benchmarks;
using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/AcuBot.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suite;
// the other commands are the tools the load and start-up scripts call (docs/benchmarks.md).
return args.FirstOrDefault() switch
{
    "kb" => Tools.GenerateKnowledge(args[1..]),
    "index" => Tools.TimeIndexBuild(args[1..]),
    "startup" => await Tools.TimeStartupAsync(args[1..]),
    "latency" => LatencyProbe.Run(args[1..]),
    "pace" => await PacedLoad.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
