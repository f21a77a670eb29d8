using AcuBot.Unanswered;

namespace AcuBot.Cli;

/// <summary><c>unanswered</c>: the questions the bot could not answer, most asked first.</summary>
public static class UnansweredCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        using var host = new CliHost(args);
        var summaries = host.Services.GetRequiredService<IUnansweredLog>().Summarize();
        if (summaries.Count == 0)
        {
            await output.WriteLineAsync("No unanswered questions recorded.");
            return 0;
        }
        await output.WriteLineAsync($"{"count",5}  {"last asked (UTC)",-16}  {"best",4}  question");
        foreach (var s in summaries)
        {
            var best = s.BestConfidence is { } c ? c.ToString("0.00") : "-";
            await output.WriteLineAsync($"{s.Count,5}  {s.LastAsked.UtcDateTime:yyyy-MM-dd HH:mm}  {best,4}  {s.Question}");
        }
        return 0;
    }
}
