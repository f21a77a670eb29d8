using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace AcuBot.Benchmarks;

/// <summary>
/// One job that times every call on its own (one invocation per iteration), so the percentile columns
/// are percentiles of single questions, not of averages over batches: what a patient waits. Garbage
/// collections are not forced between iterations and no outlier is removed, so the GC pauses that a
/// search's allocations cause land in the tail where they belong. The calls are timed in process
/// (no generated project is built, so the build never touches another build's obj/ folders).
/// </summary>
public sealed class PerCallConfig : ManualConfig
{
    /// <summary>Timed calls per benchmark case: p99 is then the 10th slowest call.</summary>
    public const int Iterations = 1000;

    public PerCallConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(50).WithIterationCount(Iterations)
            .WithGcForce(false)
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithId("PerCall"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Mean, StatisticColumn.StdDev, StatisticColumn.Median, StatisticColumn.P95,
            new PercentileColumn(99), StatisticColumn.Max);
        AddColumnProvider(DefaultColumnProviders.Instance);
        HideColumns(StatisticColumn.Error, StatisticColumn.Iterations, StatisticColumn.Min);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub, BenchmarkDotNet.Exporters.Csv.CsvExporter.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond);
    }
}

/// <summary>A percentile of the single-call times (BenchmarkDotNet's own columns stop at P95).</summary>
public sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"P{percentile}";
    public string ColumnName => $"P{percentile}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 90;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"Percentile {percentile}: {percentile}% of the timed calls took this long or less";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not Statistics statistics) return "NA";
        var nanoseconds = statistics.Percentiles.Percentile(percentile);
        var unit = style.TimeUnit ?? TimeUnit.Microsecond;
        return $"{TimeUnit.Convert(nanoseconds, TimeUnit.Nanosecond, unit):N1} {unit.Abbreviation}";
    }

    public override string ToString() => ColumnName;
}
