using Microsoft.Playwright;

namespace AcuBot.Tests.WebChat;

/// <summary>
/// Headless Chromium driven by Playwright: Debian's chromium (.ci/run installs it), never a browser
/// Playwright would download. Without it the browser tests fail with a message that says how to get it.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does this).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: TestResults/screenshots at the top of the repository (CI keeps TestResults).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(Support.RepoPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
