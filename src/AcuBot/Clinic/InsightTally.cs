namespace AcuBot.Clinic;

/// <summary>
/// Sums the rows of an insights table (day, metric, key, count) into what the page shows, the same for the
/// SQLite and the PostgreSQL store: every day of the period present (0 where nothing was counted), red flags
/// by rule and answers by section over the whole period.
/// </summary>
internal sealed class InsightTally
{
    private readonly DateOnly _today;
    private readonly Dictionary<DateOnly, int> _asked = new();
    private readonly Dictionary<DateOnly, int> _answered = new();
    private readonly Dictionary<string, int> _redFlags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sections = new(StringComparer.Ordinal);

    /// <summary>The <paramref name="days"/> days up to <paramref name="today"/> (at least today itself).</summary>
    public InsightTally(DateOnly today, int days)
    {
        _today = today;
        From = today.AddDays(1 - Math.Max(1, days));
    }

    /// <summary>The first day of the period: the rows to read are those from it on.</summary>
    public DateOnly From { get; }

    /// <summary>Adds one row; a metric this build does not know (from a newer one) is left out.</summary>
    public void Add(DateOnly day, string metric, string key, int count)
    {
        switch (metric)
        {
            case PendingInsightCounts.Asked: _asked[day] = _asked.GetValueOrDefault(day) + count; break;
            case PendingInsightCounts.Answered: _answered[day] = _answered.GetValueOrDefault(day) + count; break;
            case PendingInsightCounts.RedFlag: _redFlags[key] = _redFlags.GetValueOrDefault(key) + count; break;
            case PendingInsightCounts.Section: _sections[key] = _sections.GetValueOrDefault(key) + count; break;
        }
    }

    public InsightTotals Totals()
    {
        var days = Enumerable.Range(0, _today.DayNumber - From.DayNumber + 1).Select(i => From.AddDays(i))
            .Select(d => new DayCounts(d, _asked.GetValueOrDefault(d), _answered.GetValueOrDefault(d))).ToArray();
        return new InsightTotals(days, _redFlags, _sections);
    }
}
