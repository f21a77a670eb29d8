using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> (Prometheus text format, behind <c>Telemetry:MetricsEndpoint</c>) shows the turns the bot
/// answered, by reply kind, with their duration, fallbacks and red flags by rule and detector. The meter is
/// one per process, so other servers of this test run may add to the counts: each assertion is "at least".
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_show_the_turns_by_reply_kind_their_duration_fallbacks_and_red_flags()
    {
        await using var server = await BotServer.StartAsync("--Telemetry:MetricsEndpoint=true");

        Assert.Equal("answer", Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Does acupuncture hurt?"))).Kind());
        Assert.Equal("fallback", Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("Do you sell gift vouchers for my aunt?"))).Kind());
        Assert.Equal("urgent", Assert.Single(await server.Client.ExpectRepliesAsync(EmulatorActivity.ExpectReplies("I have crushing chest pain right now"))).Kind());

        using var response = await server.Client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync();

        Assert.True(Value(metrics, "acubot_turns_total", "acubot_reply_kind=\"answer\"") >= 1, metrics);
        Assert.True(Value(metrics, "acubot_turns_total", "acubot_reply_kind=\"fallback\"") >= 1, metrics);
        Assert.True(Value(metrics, "acubot_turn_duration_seconds_count", "acubot_reply_kind=\"answer\"") >= 1, metrics);
        Assert.True(Value(metrics, "acubot_fallbacks_total", "") >= 1, metrics);
        Assert.True(Value(metrics, "acubot_red_flags_total", "acubot_red_flag_detector=\"rules\"") >= 1, metrics);
        Assert.Matches(new Regex("acubot_red_flags_total\\{[^}]*acubot_red_flag_rule=\"Chest pain[^\"]*\""), metrics);
        // ASP.NET Core's own request metrics come along.
        Assert.Contains("http_server_request_duration_seconds", metrics);
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_metrics_endpoint()
    {
        await using var server = await BotServer.StartAsync();

        using var response = await server.Client.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; -1 when there is none.</summary>
    private static double Value(string metrics, string name, string label)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal)) continue;
            if (label.Length > 0 && !line.Contains(label, StringComparison.Ordinal)) continue;
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
        return -1;
    }
}
