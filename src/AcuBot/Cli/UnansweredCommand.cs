using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AcuBot.Knowledge;
using AcuBot.Unanswered;

namespace AcuBot.Cli;

/// <summary>
/// <c>unanswered</c>: the questions patients asked that the bot could not answer, grouped by meaning
/// (the sentence model, else shared words), most asked first, with counts and when each was first and
/// last asked; <c>--since</c>, <c>--csv</c>, <c>--faq</c> (ready-to-paste <c>*.faq.md</c> entries);
/// <c>--purge</c> deletes them all.
/// </summary>
public static class UnansweredCommand
{
    public const string Name = "unanswered";
    public const string PurgeFlag = "--purge";

    /// <summary>For tests and callers that hold the command's arguments (without its name).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output) => CliCommands.RunAsync([Name, .. args], output);

    public static Command Create(string[] settings, TextWriter output)
    {
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only questions asked since then: a date (2026-11-01, UTC) or a time back from now (7d, 12h).",
            HelpName = "date|Nd|Nh",
            CustomParser = ParseSince,
        };
        var csv = new Option<bool>("--csv") { Description = "Print comma-separated values (for a spreadsheet) instead of a table." };
        var faq = new Option<bool>("--faq") { Description = "Print a ready-to-paste *.faq.md entry for each group." };
        var top = new Option<int>("--top") { Description = "At most this many groups.", DefaultValueFactory = _ => 100 };
        var purge = new Option<bool>(PurgeFlag) { Description = "Delete every recorded unanswered question." };
        var command = new Command(Name, "List the questions patients asked that the bot could not answer, grouped by meaning, most asked first. " +
                                        "Questions from ask and eval are never recorded. " + CliCommands.SettingsHelp)
        {
            since, csv, faq, top, purge,
        };
        command.SetAction((parsed, cancellationToken) => parsed.GetValue(purge)
            ? PurgeAsync(settings, output)
            : ListAsync(settings, parsed.GetValue(since), parsed.GetValue(csv) ? Format.Csv : parsed.GetValue(faq) ? Format.Faq : Format.Table,
                Math.Max(1, parsed.GetValue(top)), output, cancellationToken));
        return command;
    }

    public enum Format { Table, Csv, Faq }

    private static async Task<int> PurgeAsync(string[] settings, TextWriter output)
    {
        using var host = new CliHost(settings, loadKnowledge: false);
        var deleted = host.Services.GetRequiredService<IUnansweredLog>().Purge();
        await output.WriteLineAsync($"Deleted {deleted} unanswered questions.");
        return 0;
    }

    private static async Task<int> ListAsync(string[] settings, DateTimeOffset? since, Format format, int top, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = new CliHost(settings, loadKnowledge: false);
        var summaries = host.Services.GetRequiredService<IUnansweredLog>().Summarize(UnansweredGroups.MaxQuestions, since);
        var groups = (await UnansweredGroups.GroupAsync(summaries, host.Services.GetRequiredService<SentenceModel>().Embedder, cancellationToken)).Take(top).ToArray();
        switch (format)
        {
            case Format.Csv:
                await output.WriteLineAsync("count,first_asked_utc,last_asked_utc,best_confidence,question,other_wordings");
                foreach (var g in groups)
                    await output.WriteLineAsync(string.Join(',', g.Count.ToString(CultureInfo.InvariantCulture), Time(g.FirstAsked), Time(g.LastAsked),
                        g.BestConfidence?.ToString("0.00", CultureInfo.InvariantCulture) ?? "", CsvCell(g.Question), CsvCell(string.Join(" | ", g.OtherWordings))));
                return 0;
            case Format.Faq:
                foreach (var g in groups) await output.WriteLineAsync(FaqEntry.For(g));
                return 0;
        }
        if (groups.Length == 0)
        {
            await output.WriteLineAsync(since is null ? "No unanswered questions recorded." : $"No unanswered questions since {Time(since.Value)} UTC.");
            return 0;
        }
        await output.WriteLineAsync($"{"count",5}  {"first asked",-16}  {"last asked (UTC)",-16}  {"best",4}  question (and other wordings)");
        foreach (var g in groups)
        {
            var best = g.BestConfidence is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            // Stored before control characters were removed at recording, a question could still hold a terminal escape.
            await output.WriteLineAsync($"{g.Count,5}  {Time(g.FirstAsked)}  {Time(g.LastAsked)}  {best,4}  {PrintableText.Of(g.Question)}");
            foreach (var other in g.OtherWordings)
                await output.WriteLineAsync($"{"",53}  also: {PrintableText.Of(other)}");
        }
        return 0;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A CSV field: quoted when it holds a comma, quote or line break; and a leading =, +, - or @ is
    /// escaped so that a spreadsheet shows a patient's text instead of running it as a formula.
    /// </summary>
    public static string CsvCell(string text)
    {
        text = PrintableText.Of(text);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    /// <summary>"2026-11-01" (UTC), "7d", "12h".</summary>
    public static DateTimeOffset? ParseSince(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        if (text.Length > 1 && text[^1] is 'd' or 'h' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return DateTimeOffset.UtcNow - (text[^1] == 'd' ? TimeSpan.FromDays(amount) : TimeSpan.FromHours(amount));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        result.AddError($"--since takes a date (2026-11-01) or a time back from now (7d, 12h), not \"{text}\".");
        return null;
    }
}
