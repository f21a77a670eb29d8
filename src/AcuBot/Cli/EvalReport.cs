using System.Text.Json.Serialization;

namespace AcuBot.Cli;

/// <summary>The report of the <c>eval</c> command, in the shape shared/eval/README.md gives.</summary>
public sealed record EvalReport(
    int Total,
    int Correct,
    double Accuracy,
    IReadOnlyDictionary<string, EvalTally> ByExpect,
    double DisclaimerRate,
    double P50Ms,
    double P99Ms,
    IReadOnlyList<EvalMiss> Misses)
{
    /// <summary>The same questions through a plain baseline search.</summary>
    public EvalBaseline? Baseline { get; init; }

    /// <summary>Accuracy with one technique switched off at a time, to show what each adds.</summary>
    public IReadOnlyDictionary<string, double>? Ablations { get; init; }
}

public sealed record EvalTally(int Total, int Correct);

public sealed record EvalMiss(string Q, string Expect, string GotKind, string? GotSection, string Text, double? Confidence);

public sealed record EvalBaseline(string Description, int Correct, double Accuracy, IReadOnlyDictionary<string, EvalTally> ByExpect);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvalReport))]
[JsonSerializable(typeof(EvalQuestion))]
public sealed partial class EvalJsonContext : JsonSerializerContext;
