using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace AcuBot.Options;

/// <summary>
/// Checks one section of the settings when the bot starts: every key in it must be a setting of its
/// options class (a typo such as <c>Answers:ConfidenceTreshold</c> would otherwise be ignored without a
/// word, and the bot would run on the default), and the values must be in range. Each problem names the
/// setting as a clinic writes it (<c>Section:Key</c>), so the bot stops with a message saying what to fix.
/// </summary>
/// <param name="sharedWith">Other options classes bound from the same section (the clinic's details and its insights page): their keys are settings too.</param>
public sealed class SettingsValidator<T>(IConfiguration configuration, string section, Action<SettingsProblems, T>? rules, params Type[] sharedWith) : IValidateOptions<T>
    where T : class
{
    private readonly string[] Settings = [.. new[] { typeof(T) }.Concat(sharedWith).SelectMany(SettingsOf).Distinct()];

    private static IEnumerable<string> SettingsOf(Type options) => options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite || !p.PropertyType.IsValueType && p.PropertyType != typeof(string))
        .Select(p => p.Name);

    public ValidateOptionsResult Validate(string? name, T options)
    {
        var problems = new SettingsProblems(section);
        foreach (var child in configuration.GetSection(section).GetChildren())
        {
            if (Settings.Contains(child.Key, StringComparer.OrdinalIgnoreCase)) continue;
            var nearest = Nearest(child.Key);
            problems.Add($"{section}:{child.Key} is not a setting" + (nearest is null ? $" ({section} has {string.Join(", ", Settings)})." : $"; did you mean {section}:{nearest}?"));
        }
        rules?.Invoke(problems, options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.All);
    }

    /// <summary>The setting a typo most likely meant: at most a few letters apart.</summary>
    private string? Nearest(string key) =>
        Settings.Select(s => (Name: s, Distance: EditDistance(key.ToLowerInvariant(), s.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 4))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}

/// <summary>The problems found in one section, each naming its setting.</summary>
public sealed class SettingsProblems(string section)
{
    private readonly List<string> _all = [];

    public IReadOnlyList<string> All => _all;

    public int Count => _all.Count;

    public void Add(string problem) => _all.Add(problem);

    public void Check(bool valid, string key, string requirement)
    {
        if (!valid) _all.Add($"{section}:{key} {requirement}.");
    }

    public void Between(string key, double value, double min, double max) =>
        Check(value >= min && value <= max, key, $"must be between {Show(min)} and {Show(max)} (it is {Show(value)})");

    public void AtLeast(string key, long value, long min) =>
        Check(value >= min, key, $"must be at least {min} (it is {value})");

    public void Positive(string key, TimeSpan value) =>
        Check(value > TimeSpan.Zero, key, $"must be longer than 00:00:00 (it is {value:c})");

    public void NotNegative(string key, TimeSpan value) =>
        Check(value >= TimeSpan.Zero, key, $"must not be negative (it is {value:c})");

    public void NotEmpty(string key, string? value) =>
        Check(!string.IsNullOrWhiteSpace(value), key, "must not be empty");

    public void AbsoluteHttpUrl(string key, string? value) =>
        Check(Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps),
            key, $"must be an absolute http:// or https:// address (it is '{value}')");

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
