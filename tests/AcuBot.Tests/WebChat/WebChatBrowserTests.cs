using System.Text.RegularExpressions;
using AcuBot.Tests.Support;
using Microsoft.Playwright;

namespace AcuBot.Tests.WebChat;

/// <summary>
/// The widget as a patient uses it: the demo page of a clinic, the chat button, a question typed,
/// the answer with its disclaimer, a follow-up clicked. Real server, real Web Chat, real Chromium.
/// </summary>
public class WebChatBrowserTests : IAsyncLifetime
{
    private BotServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<string> _consoleErrors = [];

    public async Task InitializeAsync()
    {
        _server = await BotServer.StartAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_patient_asks_a_question_and_follows_a_suggestion()
    {
        var page = await OpenDemoPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

        await page.GetByRole(AriaRole.Button, new() { Name = "Questions? Chat with us" }).ClickAsync();
        var transcript = page.Locator(".acubot-chat");
        await Expect(transcript.GetByText("virtual assistant", new() { Exact = false }).First);

        await SendAsync(page, "Does acupuncture hurt?");
        var answer = transcript.GetByText("slight pinch", new() { Exact = false }).Last;
        await Expect(answer);
        Assert.True(await transcript.GetByText(RepoPaths.Disclaimer).Last.IsVisibleAsync(), "the disclaimer is shown under the answer");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("webchat-answer.png") });

        // The chips under the last answer (Web Chat also keeps a hidden copy for screen readers).
        await page.Locator(".webchat__suggested-action").Filter(new() { HasText = "Tell me more" }).ClickAsync();
        await Expect(transcript.GetByText("Relaxation Period", new() { Exact = false }).Last);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("webchat-follow-up.png") });

        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task On_a_phone_the_chat_fills_the_screen_and_works_from_the_keyboard()
    {
        var page = await OpenDemoPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });

        // Keyboard only: tab to the chat button, open it with Enter.
        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Questions? Chat with us" });
        await launcher.WaitForAsync();
        for (var i = 0; i < 10 && !await launcher.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.True(await launcher.EvaluateAsync<bool>("e => e === document.activeElement"), "the chat button can be reached with Tab");
        await page.Keyboard.PressAsync("Enter");

        var window = page.Locator("#acubot-window");
        await Expect(window.GetByText("virtual assistant", new() { Exact = false }).First);
        var box = await window.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width >= 389 && box.Height >= 843, $"the chat fills the phone's screen ({box.Width}x{box.Height})");

        await SendAsync(page, "What are the risks of acupuncture?");
        await Expect(window.GetByText("bruising", new() { Exact = false }).Last);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("webchat-phone.png") });

        await page.Keyboard.PressAsync("Escape");
        Assert.True(await window.IsHiddenAsync(), "Escape closes the chat");
        Assert.True(await launcher.EvaluateAsync<bool>("e => e === document.activeElement"), "focus returns to the chat button");
        Assert.Empty(_consoleErrors);
    }

    private async Task<IPage> OpenDemoPageAsync(BrowserNewContextOptions options)
    {
        var context = await _browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _consoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
        await page.GotoAsync(_server.BaseAddress.ToString());
        return page;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var sendBox = page.GetByRole(AriaRole.Textbox).Last;
        await sendBox.FillAsync(text);
        await sendBox.PressAsync("Enter");
    }

    private static Task Expect(ILocator locator) => locator.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 15_000 });
}
