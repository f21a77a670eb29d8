using System.Text;
using AcuBot.Tests.Support;

namespace AcuBot.Tests.Commands;

/// <summary><c>check</c> on knowledge folders a clinic might have, good and broken.</summary>
public class CheckCommandTests
{
    private const string PricesFaq = """
        ## How much does a first visit cost?
        Also asked: What are your prices? | How much do you charge? | price of a session

        A first visit costs $90 and takes about an hour. Follow-up visits cost $70.
        """;

    [Fact]
    public async Task The_shipped_knowledge_passes_and_every_file_is_listed_with_what_was_found()
    {
        var (exitCode, output, _) = await CliRun.RunAsync("check");

        Assert.Equal(0, exitCode);
        Assert.Contains("acupuncture-back-pain.txt: 7 sections, 26 passages", output);
        Assert.Contains("  What to Expect During an Acupuncture Session  (6 passages)", output);
        Assert.Contains("0 errors", output);
    }

    [Fact]
    public async Task The_readme_price_entry_is_shown_capturing_the_first_visit_question()
    {
        using var knowledge = new ScratchKnowledge()
            .Write("back-pain.txt", File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "acupuncture-back-pain.txt")))
            .Write("synonyms.txt", File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "synonyms.txt")))
            .Write("red-flags.txt", File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "red-flags.txt")))
            .Write("not-answered.txt", File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "not-answered.txt")))
            .Write("prices.faq.md", PricesFaq); // README's example, added to the shipped knowledge

        var (exitCode, output, _) = await CliRun.RunAsync("check", knowledge.Setting);
        var strict = await CliRun.RunAsync("check", knowledge.Setting, "--strict");

        Assert.Contains("prices.faq.md: 1 curated question", output);
        Assert.Contains("## How much does a first visit cost?  (also asked: What are your prices? | How much do you charge? | price of a session)", output);
        Assert.Matches("WARNING \"What happens at the first visit\\?\" gets the curated answer to \"How much does a first visit cost\\?\" \\(prices.faq.md\\) without the sentence model", output);
        // A price question is the curated entry's own: not reported.
        Assert.DoesNotContain("\"What are your prices?\" gets", output);
        // The shipped examples of questions the documents do not answer include prices: now they are answered.
        Assert.Contains("WARNING \"how much does a session cost\" (not-answered.txt) means a question that \"How much does a first visit cost?\" answers", output);
        Assert.Equal(0, exitCode); // a warning
        Assert.Equal(1, strict.ExitCode);
    }

    [Fact]
    public async Task Unreadable_and_empty_files_are_errors_said_in_plain_words()
    {
        using var knowledge = new ScratchKnowledge()
            .Write("fees.md", "# Fees\nA session costs sixty pounds.\n")
            .WriteBytes("cafe.md", Encoding.Latin1.GetBytes("# Caf\u00e9\nOur caf\u00e9 is open.\n"))
            .Write("empty.md", "")
            .Write("headings-only.md", "# Parking\n# Opening hours\n");

        var (exitCode, output, _) = await CliRun.RunAsync("check", knowledge.Setting);

        Assert.Equal(1, exitCode);
        Assert.Contains("ERROR   cafe.md cannot be read: not UTF-8 text", output);
        Assert.DoesNotContain("Unable to translate", output);
        Assert.Contains("ERROR   empty.md holds nothing", output);
        Assert.Contains("ERROR   headings-only.md holds nothing", output);
        Assert.Contains("fees.md: 1 section, 1 passage", output);
        Assert.Contains("3 errors", output);
    }

    [Fact]
    public async Task Synonym_groups_no_document_uses_and_red_flag_rules_missing_their_examples_are_warned_about()
    {
        using var knowledge = new ScratchKnowledge()
            .Write("fees.md", "# Fees\nA session costs sixty pounds. Needles are single use.\n")
            .Write("synonyms.txt", "# groups\ncost, price, fee\nmoxa, moxibustion\n")
            .Write("red-flags.txt", """
                [emergency] Chest pain
                chest pain
                e.g. I have chest pain right now
                e.g. my heart is pounding and my arm is numb
                """);

        var (exitCode, output, _) = await CliRun.RunAsync("check", knowledge.Setting);

        Assert.Equal(0, exitCode);
        Assert.Contains("WARNING synonyms.txt, line 3 (moxa, moxibustion): no document uses any of these words", output);
        Assert.DoesNotContain("line 2 (cost", output);
        Assert.Contains("WARNING red-flags.txt, rule \"Chest pain\": its patterns miss 1 of its 2 examples", output);
        Assert.Contains("\"my heart is pounding and my arm is numb\"", output);
        Assert.DoesNotContain("\"I have chest pain right now\"", output);
    }
}
