using AcuBot.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace AcuBot.Tests.WebChat;

/// <summary>
/// What a clinic sees when it sets the bot up for its own site: the demo page with its own details,
/// and, when its site is not allowed yet, a warning in the bot's log and a hint in the browser console.
/// </summary>
public class EmbeddingSetupTests
{
    [Fact]
    public async Task The_demo_page_shows_the_clinics_own_name_contact_and_hours()
    {
        await using var server = await BotServer.StartAsync(
            "--Clinic:Name=Riverside <Back> Care", "--Clinic:Phone=555-0199", "--Clinic:Email=desk@riverside.example",
            "--Clinic:OpeningHours=Tuesday to Saturday, 8am to 4pm", "--Clinic:Website=https://riverside.example");

        var page = await server.Client.GetStringAsync("/");

        Assert.Contains("<div class=\"brand\">Riverside &lt;Back&gt; Care</div>", page);
        Assert.Contains("<title>Riverside &lt;Back&gt; Care (demo site)</title>", page);
        Assert.Contains("Tuesday to Saturday, 8am to 4pm", page);
        Assert.Contains("<a href=\"tel:555-0199\">555-0199</a>", page);
        Assert.Contains("mailto:desk@riverside.example", page);
        Assert.DoesNotContain("Harbourside", page);
        Assert.DoesNotContain("{{", page.Replace("{{...}}", ""));
        Assert.Equal(page, await server.Client.GetStringAsync("/index.html"));
    }

    [Fact]
    public async Task A_site_not_allowed_is_warned_about_once_with_the_setting_to_add()
    {
        await using var server = await BotServer.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/webchat/settings");
            request.Headers.Add("Origin", "https://www.new-clinic.example");
            using var response = await server.Client.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        }

        var warning = Assert.Single(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("new-clinic"));
        Assert.Contains("https://www.new-clinic.example", warning.Message);
        Assert.Contains("WebChat:AllowedOrigins", warning.Message);
        Assert.Contains("WebChat__AllowedOrigins__0=https://www.new-clinic.example", warning.Message);
    }

    [Fact]
    public async Task In_the_browser_console_the_widget_says_what_to_configure()
    {
        await using var server = await BotServer.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, message) => console.Add(message.Text);
            // The clinic's own site, on another origin than the bot's (another loopback port), embedding the widget.
            var html = $"<!doctype html><html lang=\"en\"><body><h1>New clinic</h1><script src=\"{server.BaseAddress}embed.js\" defer></script></body></html>";
            await using var clinicSite = await LoopbackServer.StartAsync(async http =>
            {
                http.Response.ContentType = "text/html";
                await http.Response.WriteAsync(html);
            });
            var site = new Uri(clinicSite.BaseUrl).GetLeftPart(UriPartial.Authority);
            await page.GotoAsync(site + "/");

            var hint = await WaitForAsync(console, m => m.Contains("WebChat:AllowedOrigins"));
            Assert.Contains($"({site})", hint);
            Assert.Contains($"WebChat__AllowedOrigins__0={site} ", hint);
            Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"Refused the chat widget on {site}:"));
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task<string> WaitForAsync(List<string> messages, Func<string, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            lock (messages) if (messages.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        lock (messages) Assert.Fail("No such console message; got: " + string.Join(" / ", messages));
        return "";
    }
}
