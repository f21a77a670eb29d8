using System.Globalization;
using System.Text;
using AcuBot.Endpoints;
using AcuBot.Unanswered;
using static System.Net.WebUtility;

namespace AcuBot.Clinic;

/// <summary>
/// The HTML of <c>/clinic</c>, written on the server: no script at all (the chart is SVG), so it works
/// under the bot's content security policy and on any phone. Everything that comes from outside (the
/// clinic's settings, section titles, patients' questions) is HTML-encoded.
/// </summary>
public static class ClinicPage
{
    public const int MaxGroups = 30;
    public const int MaxSections = 10;

    public static string SignIn(string clinicName, bool wrongKey) => Page(clinicName, "Sign in", $"""
        <form method="post" action="{ClinicEndpoints.Path}" class="card signin">
          <label for="key">Insights key</label>
          <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
          {(wrongKey ? "<p class=\"error\" role=\"alert\">That key is not right.</p>" : "")}
          <button type="submit">Open</button>
          <p class="hint">The key is the <code>Clinic__InsightsKey</code> setting of the bot's server.</p>
        </form>
        """);

    public static string Render(string clinicName, InsightTotals totals, IReadOnlyList<UnansweredGroup> groups)
    {
        var body = new StringBuilder();
        var days = totals.Days.Count;
        var rate = totals.AnswerRate is { } r ? (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";
        body.Append($"""
            <section class="tiles" aria-label="The last {days} days">
              <div class="card tile"><span class="figure" id="asked">{totals.Asked}</span> questions asked</div>
              <div class="card tile"><span class="figure" id="answered">{totals.Answered}</span> answered</div>
              <div class="card tile"><span class="figure" id="answer-rate">{rate}</span> answer rate</div>
              <div class="card tile"><span class="figure" id="red-flags">{totals.RedFlagsByRule.Values.Sum()}</span> red flags</div>
            </section>
            <section class="card">
              <h2>Questions per day</h2>
              {Chart(totals.Days)}
              <p class="legend"><span class="key asked"></span> asked <span class="key answered"></span> answered
                 <span class="hint">(the last {days} days, UTC; small talk and red flags are not counted as questions)</span></p>
            </section>
            """);

        body.Append("<section class=\"card\"><h2>Red flags by rule</h2>");
        body.Append(totals.RedFlagsByRule.Count == 0 ? "<p class=\"hint\">None.</p>" : Table("Rule", "Times", totals.RedFlagsByRule, int.MaxValue, "red-flag-rules"));
        body.Append("<p class=\"hint\">Counts only: what was written is never kept.</p></section>");

        body.Append("<section class=\"card\"><h2>Most asked sections</h2>");
        body.Append(totals.AnswersBySection.Count == 0 ? "<p class=\"hint\">No answers yet.</p>" : Table("Section", "Answers", totals.AnswersBySection, MaxSections, "sections"));
        body.Append("</section>");

        body.Append("<section class=\"card\" id=\"unanswered\"><h2>Questions the bot could not answer</h2>");
        if (groups.Count == 0) body.Append("<p class=\"hint\">None recorded.</p>");
        else body.Append("<p class=\"hint\">Grouped by meaning. To answer one, paste its entry into a <code>*.faq.md</code> file in the knowledge folder and write the answer; the bot picks it up on save.</p>");
        foreach (var group in groups)
        {
            body.Append($"""
                <article class="group">
                  <h3>{HtmlEncode(PrintableText.Of(group.Question))} <span class="count">{Times(group.Count)}</span></h3>
                  <p class="hint">first asked {Date(group.FirstAsked)}, last {Date(group.LastAsked)}{(group.OtherWordings.Count > 0 ? $", {group.OtherWordings.Count} other wording{(group.OtherWordings.Count == 1 ? "" : "s")}" : "")}</p>
                  <pre class="faq" tabindex="0" aria-label="A ready-to-paste FAQ entry">{HtmlEncode(FaqEntry.For(group))}</pre>
                </article>
                """);
        }
        body.Append("</section>");
        body.Append($"""
            <form method="post" action="{ClinicEndpoints.Path}" class="signout"><input type="hidden" name="signout" value="1"><button type="submit">Sign out</button></form>
            """);
        return Page(clinicName, "What patients ask", body.ToString());
    }

    /// <summary>Bars per day, asked behind answered, scaled to the busiest day; each bar says its numbers on hover.</summary>
    private static string Chart(IReadOnlyList<DayCounts> days)
    {
        const int width = 300, height = 100;
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Asked));
        var step = days.Count == 0 ? width : (double)width / days.Count;
        var bars = new StringBuilder();
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            var x = (i * step + step * 0.1).ToString("0.##", CultureInfo.InvariantCulture);
            var w = (step * 0.8).ToString("0.##", CultureInfo.InvariantCulture);
            var asked = height * d.Asked / (double)max;
            var answered = height * d.Answered / (double)max;
            bars.Append(CultureInfo.InvariantCulture, $"<g><title>{d.Day:yyyy-MM-dd}: {d.Asked} asked, {d.Answered} answered</title>");
            bars.Append(CultureInfo.InvariantCulture, $"<rect class=\"asked\" x=\"{x}\" y=\"{height - asked:0.##}\" width=\"{w}\" height=\"{asked:0.##}\"/>");
            bars.Append(CultureInfo.InvariantCulture, $"<rect class=\"answered\" x=\"{x}\" y=\"{height - answered:0.##}\" width=\"{w}\" height=\"{answered:0.##}\"/></g>");
        }
        var first = days.Count > 0 ? days[0].Day.ToString("d MMM", CultureInfo.InvariantCulture) : "";
        var last = days.Count > 0 ? days[^1].Day.ToString("d MMM", CultureInfo.InvariantCulture) : "";
        var summary = $"Questions per day: at most {max} on one day; {days.Sum(d => d.Asked)} asked and {days.Sum(d => d.Answered)} answered in all.";
        return $"""
            <svg class="chart" id="chart" viewBox="0 0 {width} {height + 12}" role="img" aria-label="{HtmlEncode(summary)}" preserveAspectRatio="none">
              {bars}
              <text x="0" y="{height + 10}" class="axis">{first}</text><text x="{width}" y="{height + 10}" class="axis" text-anchor="end">{last}</text>
              <text x="{width}" y="8" class="axis" text-anchor="end">{max}</text>
            </svg>
            """;
    }

    private static string Table(string what, string count, IReadOnlyDictionary<string, int> counts, int max, string id)
    {
        var rows = new StringBuilder();
        foreach (var (key, n) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(max))
            rows.Append($"<tr><td>{HtmlEncode(key)}</td><td class=\"n\">{n}</td></tr>");
        return $"<div class=\"scroll\"><table id=\"{id}\"><thead><tr><th>{what}</th><th class=\"n\">{count}</th></tr></thead><tbody>{rows}</tbody></table></div>";
    }

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Page(string clinicName, string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex, nofollow">
        <title>{{HtmlEncode(title)}} · {{HtmlEncode(clinicName)}}</title>
        <style>
          :root { --accent: #1f6f78; --soft: #cfe3e5; --text: #1d2a2c; --muted: #5b6b6e; }
          * { box-sizing: border-box; }
          body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #f3f6f6; }
          header { background: var(--accent); color: #fff; padding: 0.9rem 1rem; }
          header h1 { margin: 0; font-size: 1.25rem; }
          header p { margin: 0.1rem 0 0; opacity: 0.9; font-size: 0.9rem; }
          main { max-width: 60rem; margin: 0 auto; padding: 0.75rem; }
          .card { background: #fff; border-radius: 10px; padding: 0.9rem 1rem; margin: 0 0 0.75rem; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
          h2 { font-size: 1.05rem; margin: 0 0 0.6rem; }
          h3 { font-size: 1rem; margin: 0.2rem 0; overflow-wrap: anywhere; }
          .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: 0.75rem; margin-bottom: 0.75rem; }
          .tile { margin: 0; color: var(--muted); }
          .figure { display: block; font-size: 1.8rem; font-weight: 650; color: var(--text); }
          .chart { width: 100%; height: 10rem; display: block; }
          .chart .asked { fill: var(--soft); } .chart .answered { fill: var(--accent); }
          .chart .axis { font-size: 7px; fill: var(--muted); }
          .legend { font-size: 0.85rem; margin: 0.4rem 0 0; }
          .key { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; vertical-align: -1px; margin-left: 0.4rem; }
          .key.asked { background: var(--soft); } .key.answered { background: var(--accent); }
          .hint { color: var(--muted); font-size: 0.85rem; margin: 0.2rem 0 0.5rem; }
          .scroll { overflow-x: auto; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: 0.35rem 0.4rem; border-bottom: 1px solid #e3e9ea; overflow-wrap: anywhere; }
          .n { text-align: right; white-space: nowrap; }
          .group { border-top: 1px solid #e3e9ea; padding-top: 0.5rem; margin-top: 0.5rem; }
          .count { font-weight: 400; color: var(--muted); font-size: 0.85rem; }
          pre.faq { background: #f6f8f8; border: 1px solid #dfe6e7; border-radius: 6px; padding: 0.6rem; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; user-select: all; }
          .signin { max-width: 24rem; margin: 2rem auto; display: grid; gap: 0.5rem; }
          input[type=password] { font-size: 1rem; padding: 0.6rem; border: 1px solid #b9c6c8; border-radius: 6px; width: 100%; }
          button { font-size: 1rem; padding: 0.6rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; min-height: 2.75rem; }
          .signout { text-align: right; } .signout button { background: #6b7b7e; }
          .error { color: #a3262a; margin: 0; }
          button:focus-visible, input:focus-visible, pre:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
        </style>
        </head>
        <body>
        <header><h1>{{HtmlEncode(clinicName)}}</h1><p>{{HtmlEncode(title)}}</p></header>
        <main>
        {{body}}
        </main>
        </body>
        </html>
        """;
}
