using AcuBot.Unanswered;

namespace AcuBot.Cli;

/// <summary>
/// <c>unanswered</c>: the questions the bot could not answer, most asked first; <c>unanswered --purge</c>
/// deletes them all.
/// </summary>
public static class UnansweredCommand
{
    public const string PurgeFlag = "--purge";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var purge = args.Contains(PurgeFlag, StringComparer.Ordinal);
        using var host = new CliHost(args.Where(a => a != PurgeFlag).ToArray());
        var log = host.Services.GetRequiredService<IUnansweredLog>();
        if (purge)
        {
            var deleted = log.Purge();
            await output.WriteLineAsync($"Deleted {deleted} unanswered questions.");
            return 0;
        }

        var summaries = log.Summarize();
        if (summaries.Count == 0)
        {
            await output.WriteLineAsync("No unanswered questions recorded.");
            return 0;
        }
        await output.WriteLineAsync($"{"count",5}  {"last asked (UTC)",-16}  {"best",4}  question");
        foreach (var s in summaries)
        {
            var best = s.BestConfidence is { } c ? c.ToString("0.00") : "-";
            // Stored before control characters were removed at recording, a question could still hold a terminal escape.
            await output.WriteLineAsync($"{s.Count,5}  {s.LastAsked.UtcDateTime:yyyy-MM-dd HH:mm}  {best,4}  {PrintableText.Of(s.Question)}");
        }
        return 0;
    }
}
