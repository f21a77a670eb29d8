using AcuBot.Tests.Support;
using AcuBot.Tests.WebChat;
using Microsoft.Playwright;

namespace AcuBot.Tests.Clinic;

/// <summary>
/// The clinic's staff open /clinic on a phone: sign in with the key, see the day's counts, the chart,
/// the red flags by rule and the unanswered questions with their FAQ entries. Real server, real Chromium.
/// </summary>
public class ClinicPageBrowserTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await BotServer.StartAsync($"--Clinic:InsightsKey={ClinicTraffic.Key}");
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task On_a_phone_staff_sign_in_and_read_what_patients_asked()
    {
        await ClinicTraffic.AskAsync(_server,
            "Does acupuncture hurt?", "What are the risks of acupuncture?", "How long do the needles stay in?",
            "What are your opening hours?", "When are you open?", "What time do you open on Saturday?",
            "Can I park at the clinic?", "Do you accept insurance?", "I have chest pain");
        await ClinicTraffic.WaitForUnansweredAsync(_server, 5);

        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(_server.BaseAddress, "/clinic").ToString());

        await page.GetByLabel("Insights key").FillAsync("not the key at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
        errors.Clear(); // the browser reports the 401 of the wrong key as a console error

        await page.GetByLabel("Insights key").FillAsync(ClinicTraffic.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();

        await Assertions.Expect(page.Locator("#asked")).ToHaveTextAsync("8");
        await Assertions.Expect(page.Locator("#answered")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#red-flags")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#red-flag-rules")).ToContainTextAsync("Chest pain");
        Assert.True(await page.Locator("#chart rect.answered").CountAsync() >= 30, "a bar per day");
        var todayBar = await page.Locator("#chart rect.asked").Last.BoundingBoxAsync();
        Assert.True(todayBar is { Height: > 50 }, "today's bar is the tallest");

        // The opening-hours wordings are one group, with the others as "Also asked", ready to paste.
        var entries = await page.Locator("pre.faq").AllInnerTextsAsync();
        var hours = Assert.Single(entries, e => e.Contains("open", StringComparison.OrdinalIgnoreCase) && e.Contains("Also asked:"));
        Assert.Matches(@"^## .+\?\nAlso asked: .+\n\n\(Write the clinic's answer here\.\)", hours);
        Assert.Contains(entries, e => e.StartsWith("## Can I park at the clinic?"));

        // Fits the phone: nothing wider than the screen, the key figures side by side in two columns.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        var first = await page.Locator(".tile").Nth(0).BoundingBoxAsync();
        var second = await page.Locator(".tile").Nth(1).BoundingBoxAsync();
        Assert.True(first!.Y == second!.Y, "two figures a row on a phone");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("clinic-phone.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Insights key")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
