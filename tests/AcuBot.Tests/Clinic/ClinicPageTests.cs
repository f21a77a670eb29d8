using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Net;
using AcuBot.Clinic;
using AcuBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.Clinic;

/// <summary>/clinic over HTTP: off without a key, behind the key, counts without patient text.</summary>
public class ClinicPageTests
{
    [Fact]
    public async Task Without_a_key_the_page_does_not_exist()
    {
        await using var server = await BotServer.StartAsync();

        using var get = await server.Client.GetAsync("/clinic");
        using var post = await server.Client.PostAsync("/clinic", new FormUrlEncodedContent([new("key", "")]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task A_short_key_keeps_the_page_off_and_says_why()
    {
        await using var server = await BotServer.StartAsync("--Clinic:InsightsKey=short");

        using var get = await server.Client.GetAsync("/clinic");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Clinic:InsightsKey is shorter than 16"));
    }

    [Fact]
    public async Task Only_the_right_key_opens_the_page_and_its_cookie_cannot_be_forged()
    {
        await using var server = await BotServer.StartAsync($"--Clinic:InsightsKey={ClinicTraffic.Key}");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };

        using var signIn = await client.GetAsync("/clinic");
        var signInPage = await signIn.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("name=\"key\"", signInPage);
        Assert.DoesNotContain("questions asked", signInPage);
        Assert.Equal("no-store", signIn.Headers.CacheControl?.ToString());

        using var wrong = await client.PostAsync("/clinic", new FormUrlEncodedContent([new("key", ClinicTraffic.Key + "x")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var right = await client.PostAsync("/clinic", new FormUrlEncodedContent([new("key", ClinicTraffic.Key)]));
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/clinic", cookie, StringComparison.OrdinalIgnoreCase);
        var value = cookie.Split(';')[0];

        Assert.Contains("questions asked", await GetWithCookieAsync(client, value));
        // The same expiry with another signature, and a later expiry with the old signature, are refused.
        var (stamp, signature) = (value.Split('=')[1].Split('.')[0], value.Split('.')[1]);
        var forged = $"{InsightsKeyGate.CookieName}={stamp}.{new string('0', signature.Length)}";
        var extended = $"{InsightsKeyGate.CookieName}={long.Parse(stamp) + 86_400}.{signature}";
        Assert.DoesNotContain("questions asked", await GetWithCookieAsync(client, forged));
        Assert.DoesNotContain("questions asked", await GetWithCookieAsync(client, extended));
    }

    [Fact]
    public async Task The_page_counts_patients_questions_answers_and_red_flags_and_keeps_no_text_of_them()
    {
        await using var server = await BotServer.StartAsync($"--Clinic:InsightsKey={ClinicTraffic.Key}");

        await ClinicTraffic.AskAsync(server,
            "Does acupuncture hurt?",                          // answered
            "What are the risks of acupuncture?",              // answered
            "Do you treat kids & \"teens\" zebrafish?",        // not answered, recorded
            "asdfghjkl",                                       // gibberish: neither counted nor recorded
            "I have crushing chest pain",                      // red flag: counted by rule only
            "hello");                                          // small talk: not a question
        await ClinicTraffic.WaitForUnansweredAsync(server, 1);

        var totals = server.App.Services.GetRequiredService<IClinicInsights>().Read(30);
        Assert.Equal(3, totals.Asked);
        Assert.Equal(2, totals.Answered);
        Assert.Equal(2, totals.Days[^1].Answered); // today holds them all
        var rule = Assert.Single(totals.RedFlagsByRule);
        Assert.Contains("Chest pain", rule.Key);
        Assert.Equal(1, rule.Value);

        var html = await SignedInPageAsync(server);
        Assert.Contains("id=\"answer-rate\">67%<", html);
        Assert.Contains("What to Expect During an Acupuncture Session", html);
        // The patient's text is encoded (no markup of theirs reaches the page) and comes with its FAQ entry.
        Assert.Contains("## Do you treat kids &amp; &quot;teens&quot; zebrafish?", html);
        Assert.Contains(AcuBot.Unanswered.FaqEntry.AnswerPlaceholder.Replace("'", "&#39;"), html);
        Assert.DoesNotContain("asdfghjkl", html);

        // The counts hold no message: only kinds, rule descriptions and section titles.
        server.App.Services.GetRequiredService<IClinicInsights>().Read(1);
        var database = server.App.Services.GetRequiredService<IOptions<AcuBot.Unanswered.UnansweredOptions>>().Value.DatabasePath;
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(metric || ' ' || key, '\n') FROM daily_counts";
        var counted = (string)command.ExecuteScalar()!;
        Assert.DoesNotContain("zebrafish", counted);
        Assert.DoesNotContain("crushing", counted);
        Assert.DoesNotContain("hurt", counted);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task The_command_line_is_not_counted()
    {
        using var bot = new Bot.BotUnderTest();
        await bot.AskAsync("Does acupuncture hurt?");
        await bot.AskAsync("Can I park at the clinic?");

        var totals = bot.Host.Services.GetRequiredService<IClinicInsights>().Read(1);

        Assert.Equal(0, totals.Asked);
    }

    internal static async Task<string> SignedInPageAsync(BotServer server)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseAddress };
        using var right = await client.PostAsync("/clinic", new FormUrlEncodedContent([new("key", ClinicTraffic.Key)]));
        return await GetWithCookieAsync(client, right.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
    }

    private static async Task<string> GetWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/clinic");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
