using System.Net;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Security;

/// <summary>
/// Issue 11, Low 7: values a caller chooses (a conversation id, an activity type) went raw into log lines,
/// terminal escapes and line breaks included, so a request could recolour a console or forge a log line.
/// </summary>
public class LogInjectionTests
{
    [Fact]
    public async Task Control_characters_in_a_refused_activity_do_not_reach_the_log()
    {
        await using var server = await BotServer.StartAsync();
        var mark = server.Logs.Count;
        var activity = EmulatorActivity.Message("hi", "http://203.0.113.9/", conversationId: "c\u001b[2J\u001b[31m\nwarn: forged line\u0007");
        activity["type"] = "message";

        using var response = await server.Client.PostActivityAsync(activity);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden); // the serviceUrl is not on the allow-list
        var lines = server.Logs.Since(mark).Where(e => e.Message.Contains("forged line")).ToArray();
        Assert.NotEmpty(lines);
        Assert.All(lines, e => Assert.DoesNotContain(e.Message, char.IsControl));
    }

    [Fact]
    public async Task A_refused_overlong_type_is_logged_cut_short()
    {
        await using var server = await BotServer.StartAsync();
        var mark = server.Logs.Count;
        var activity = EmulatorActivity.ExpectReplies("hi");
        activity["type"] = new string('t', 100_000);

        using var response = await server.Client.PostActivityAsync(activity);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest);
        var line = Assert.Single(server.Logs.Since(mark), e => e.Message.Contains("ttt"));
        Assert.True(line.Message.Length < 1000, $"a log line of {line.Message.Length} characters");
    }
}
