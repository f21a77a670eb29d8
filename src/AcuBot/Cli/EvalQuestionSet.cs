using System.Text.Json;
using System.Text.Json.Serialization;

namespace AcuBot.Cli;

/// <summary>One labelled question (shared/eval/README.md): what a patient typed and what a good bot does with it.</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("q")] string Q,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("sections")] IReadOnlyList<string>? Sections,
    [property: JsonPropertyName("phrases")] IReadOnlyList<string>? Phrases);

public static class EvalQuestionSet
{
    public static readonly string[] Expectations = ["answer", "none", "urgent", "smalltalk"];

    /// <summary>Reads a JSON-lines question set; a bad line is reported with its number.</summary>
    public static IReadOnlyList<EvalQuestion> Read(string path)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            EvalQuestion? question;
            try
            {
                question = JsonSerializer.Deserialize(line, EvalJsonContext.Default.EvalQuestion);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{lineNumber}: not a JSON question ({ex.Message})");
            }
            if (question is null || string.IsNullOrEmpty(question.Q) || !Expectations.Contains(question.Expect))
                throw new FormatException($"{path}:{lineNumber}: needs \"q\" and \"expect\" (one of {string.Join(", ", Expectations)})");
            if (question.Expect == "answer" && (question.Sections is not { Count: > 0 } || question.Phrases is not { Count: > 0 }))
                throw new FormatException($"{path}:{lineNumber}: an \"answer\" question needs \"sections\" and \"phrases\"");
            questions.Add(question);
        }
        return questions;
    }
}
