using AcuBot.Extensions;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// A mistyped or out-of-range setting stops the bot at start with a line naming the setting, instead of a
/// bot that runs on a default nobody chose. (The published bot's exit code and output: PublishedBotTests.)
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("--Answers:ConfidenceTreshold=0.4", "Answers:ConfidenceTreshold is not a setting; did you mean Answers:ConfidenceThreshold?")]
    [InlineData("--Answers:ConfidenceThreshold=5", "Answers:ConfidenceThreshold must be between 0 and 1 (it is 5)")]
    [InlineData("--Limits:ConnectorTimeout=00:00:00", "Limits:ConnectorTimeout must be longer than 00:00:00")]
    [InlineData("--Limits:MaxMessageLength=many", "'Limits:MaxMessageLength'")]
    [InlineData("--Clinic:Disclaimer= ", "Clinic:Disclaimer must not be empty")]
    [InlineData("--DirectLine:PublicBaseUrl=bot.example", "DirectLine:PublicBaseUrl must be an absolute http:// or https:// address")]
    [InlineData("--Turn:DisabledSteps:0=serch", "Turn:DisabledSteps names 'serch', which is not a step of the turn")]
    [InlineData("--Proxy:TrustedProxies:0=my-proxy", "Proxy:TrustedProxies holds 'my-proxy', which is not an IP address")]
    [InlineData("--Telemetry:ConsoleFormat=xml", "Telemetry:ConsoleFormat must be 'simple' or 'json'")]
    [InlineData("--BotAuthentication:MicrosoftAppID2=x", "BotAuthentication:MicrosoftAppID2 is not a setting")]
    [InlineData("--Embeddings:Threads=0", "Embeddings:Threads must be at least 1 (it is 0)")]
    [InlineData("--Shutdown:DrainSeconds=-1", "Shutdown:DrainSeconds must be between 0 and 300 (it is -1)")]
    [InlineData("--Shutdown:DrainSecond=10", "Shutdown:DrainSecond is not a setting; did you mean Shutdown:DrainSeconds?")]
    [InlineData("--RedFlags:CrisisMargin=1.5", "RedFlags:CrisisMargin must be between 0 and 1 (it is 1.5)")]
    [InlineData("--Clinic:InsightKey=0123456789abcdef", "Clinic:InsightKey is not a setting; did you mean Clinic:InsightsKey?")]
    public async Task A_bad_setting_stops_the_start_with_a_line_naming_it(string setting, string expected)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAndStopAsync(setting));

        var described = StartupErrors.Describe(failure);
        Assert.True(described is not null, failure.ToString());
        Assert.Equal(StartupErrors.SettingsExitCode, described.Value.ExitCode);
        Assert.Contains(described.Value.Lines, line => line.StartsWith("AcuBot cannot start: ", StringComparison.Ordinal) && line.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_problems_are_all_named_at_once()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAndStopAsync("--Answers:MaxSuggestions=50", "--Limits:MaxIdLength=0"));

        var lines = StartupErrors.Describe(failure)!.Value.Lines;
        Assert.Contains(lines, l => l.Contains("Answers:MaxSuggestions", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Limits:MaxIdLength", StringComparison.Ordinal));
    }

    /// <summary>The insights page's settings share the "Clinic" section with the clinic's details: they are settings too.</summary>
    [Fact]
    public async Task The_insights_page_settings_are_settings_of_the_clinic_section() =>
        await StartAndStopAsync("--Clinic:InsightsKey=0123456789abcdef", "--Clinic:InsightsDays=7");

    private static async Task StartAndStopAsync(params string[] settings)
    {
        await using var server = await BotServer.StartAsync(settings);
    }

    [Fact]
    public void An_unexpected_failure_is_not_dressed_up_as_a_settings_problem() =>
        Assert.Null(StartupErrors.Describe(new InvalidOperationException("something broke")));
}
