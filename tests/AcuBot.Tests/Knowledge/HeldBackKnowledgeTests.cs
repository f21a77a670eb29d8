using System.Text;

namespace AcuBot.Tests.Knowledge;

/// <summary>
/// A file that is broken, half-written, emptied or deleted while the bot runs keeps answering from its
/// last good version, alone: every other file's edits still apply, and <c>/healthz</c> says what is held
/// back and why. A deliberate emptying or deletion applies once the file has stayed so for the hold time.
/// </summary>
public sealed class HeldBackKnowledgeTests
{
    private const string Article = "acupuncture-back-pain.txt";
    private const string HurtQuestion = "Does acupuncture hurt?";
    private const string ParkingQuestion = "Is there parking at the clinic?";
    private const string PriceQuestion = "How much does a first visit cost?";

    /// <summary>Longer than any test: the file stays held back throughout.</summary>
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    private static readonly (string, string) Parking = ("parking.faq.md", """
        ## Is there parking at the clinic?
        Also asked: where can I park | parking

        Parking is on Harbour Road, two minutes away.
        """);

    private static (string, string) Prices(string price) => ("prices.faq.md", $"""
        ## How much does a first visit cost?
        Also asked: What are your prices? | price of a session

        A first visit costs {price} and takes about an hour.
        """);

    private static readonly byte[] NotText = [0x50, 0x00, 0x4B, 0x03, 0x04, 0x00, 0xFF];

    [Fact]
    public async Task One_broken_file_keeps_its_last_good_version_while_another_files_edit_applies()
    {
        await using var bot = await EditedKnowledgeBot.StartAsync(Long, Parking, Prices("$90"));
        Assert.Contains("$90", await bot.AskAsync(PriceQuestion));

        await File.WriteAllBytesAsync(bot.PathOf("parking.faq.md"), NotText);
        await File.WriteAllTextAsync(bot.PathOf("prices.faq.md"), Prices("$95").Item2);

        await bot.WaitForAnswerAsync(PriceQuestion, text => text.Contains("$95"));
        Assert.Contains("Harbour Road", await bot.AskAsync(ParkingQuestion));
    }

    [Fact]
    public async Task An_emptied_file_keeps_its_answers_until_it_has_stayed_empty_for_the_hold_time()
    {
        // A hold long enough that the checks below run within it even on a loaded machine (3 s once was not, in CI).
        await using var bot = await EditedKnowledgeBot.StartAsync(TimeSpan.FromSeconds(8));
        Assert.Contains("slight pinch", await bot.AskAsync(HurtQuestion));

        var mark = bot.Server.Logs.Count;
        await File.WriteAllTextAsync(bot.PathOf(Article), "");
        await bot.WaitForReloadAsync(mark);
        Assert.Contains("slight pinch", await bot.AskAsync(HurtQuestion));
        Assert.Contains(Article, (await bot.HeldBackAsync()).Select(h => h.File));

        // No further change to the folder: the emptied file is accepted once it has stayed empty for the hold time
        // (it was the only article, so the bot then has nothing to answer from).
        await bot.WaitForAnswerAsync(HurtQuestion, text => !text.Contains("slight pinch"));
        Assert.Equal(0, (await bot.HealthAsync()).GetProperty("passages").GetInt32());
        Assert.Empty(await bot.HeldBackAsync());
    }

    [Fact]
    public async Task A_partly_written_file_answers_from_its_whole_last_good_version_until_the_write_completes()
    {
        await using var bot = await EditedKnowledgeBot.StartAsync(Long);
        var whole = await File.ReadAllBytesAsync(bot.PathOf(Article));

        // An editor or a copy that has written 40% of the file so far: the passage about pain is in the rest.
        var mark = bot.Server.Logs.Count;
        await File.WriteAllBytesAsync(bot.PathOf(Article), whole[..(whole.Length * 4 / 10)]);
        await bot.WaitForReloadAsync(mark);
        Assert.Contains("slight pinch", await bot.AskAsync(HurtQuestion));
        Assert.Contains(Article, (await bot.HeldBackAsync()).Select(h => h.File));

        // The whole file, edited, applies at once.
        var edited = Encoding.UTF8.GetString(whole).Replace("a slight pinch", "a brief, slight pinch");
        await File.WriteAllTextAsync(bot.PathOf(Article), edited);
        await bot.WaitForAnswerAsync(HurtQuestion, text => text.Contains("brief, slight pinch"));
        Assert.Empty(await bot.HeldBackAsync());
    }

    [Fact]
    public async Task A_deleted_file_keeps_its_answers_while_held_back_and_applies_again_when_recreated()
    {
        await using var bot = await EditedKnowledgeBot.StartAsync(Long, Parking);

        var mark = bot.Server.Logs.Count;
        File.Delete(bot.PathOf("parking.faq.md"));
        await bot.WaitForReloadAsync(mark);
        Assert.Contains("Harbour Road", await bot.AskAsync(ParkingQuestion));
        Assert.Contains("parking.faq.md", (await bot.HeldBackAsync()).Select(h => h.File));

        // Delete and recreate, as some editors and sync tools save: the new version applies.
        await File.WriteAllTextAsync(bot.PathOf("parking.faq.md"), Parking.Item2.Replace("Harbour Road", "Quay Street"));
        await bot.WaitForAnswerAsync(ParkingQuestion, text => text.Contains("Quay Street"));
    }

    [Fact]
    public async Task Healthz_lists_the_held_back_files_and_why_and_is_ready_again_once_they_are_fixed()
    {
        await using var bot = await EditedKnowledgeBot.StartAsync(Long, Parking);
        Assert.Empty(await bot.HeldBackAsync());

        await File.WriteAllBytesAsync(bot.PathOf("parking.faq.md"), NotText);
        File.Delete(bot.PathOf(Article));
        await bot.WaitUntilAsync(async () => (await bot.HeldBackAsync()).Count == 2, () => "/healthz did not list both files.");

        var health = await bot.HealthAsync();
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("loaded", health.GetProperty("sentenceModel").GetString());
        var heldBack = (await bot.HeldBackAsync()).ToDictionary(h => h.File, h => h.Reason);
        Assert.Contains("could not be read", heldBack["parking.faq.md"]);
        Assert.Contains("deleted", heldBack[Article]);

        await File.WriteAllTextAsync(bot.PathOf("parking.faq.md"), Parking.Item2);
        await File.WriteAllBytesAsync(bot.PathOf(Article), await File.ReadAllBytesAsync(Path.Combine(Support.RepoPaths.Knowledge, Article)));
        await bot.WaitUntilAsync(async () => (await bot.HeldBackAsync()).Count == 0, () => "/healthz still lists held-back files.");
        Assert.Equal("ready", (await bot.HealthAsync()).GetProperty("status").GetString());
    }
}
