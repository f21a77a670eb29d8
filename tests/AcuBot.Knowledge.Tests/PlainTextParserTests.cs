using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

public class PlainTextParserTests
{
    private const string Fallback = "Fallback title";

    private static readonly string[] SeedHeadings =
    [
        "Discover How Acupuncture Can Alleviate Back Pain: Explore Benefits, Risks, and Treatment Choices",
        "Understanding Acupuncture and Its Approach to Back Pain",
        "Benefits of Acupuncture for Back Pain",
        "Who Can Benefit from Acupuncture?",
        "Understanding the Risks Associated with Acupuncture",
        "What to Expect During an Acupuncture Session",
        "Final Thoughts on Acupuncture for Back Pain",
    ];

    private static IReadOnlyList<ParsedSection> Parse(string text) => new PlainTextParser().Parse(text, Fallback);

    private static IReadOnlyList<ParsedSection> ParseSeed() => Parse(File.ReadAllText(RepositoryPaths.SeedArticle));

    [Fact]
    public void Seed_article_headings_are_exactly_the_title_and_its_six_sections_in_order()
    {
        var titles = ParseSeed().Select(s => s.Title).ToArray();

        Assert.Equal(SeedHeadings, titles);
    }

    [Fact]
    public void Seed_article_list_items_are_list_item_blocks_and_paragraphs_are_not()
    {
        var risks = ParseSeed().Single(s => s.Title == "Understanding the Risks Associated with Acupuncture");

        Assert.Equal(
            [
                (false, "While acupuncture is generally safe, it is essential to be aware of potential risks. Rarely, individuals may experience:"),
                (true, "Minor bleeding or bruising at insertion sites"),
                (true, "Infection if needles are not properly sterilized"),
                (true, "Temporary discomfort or dizziness"),
                (false, "To minimize these risks, it\u2019s crucial to visit a licensed and experienced acupuncturist. Always consult with a healthcare professional before beginning any new treatment."),
            ],
            risks.Blocks.Select(b => (b.IsListItem, b.Text)).ToArray());
    }

    [Fact]
    public void List_item_markers_are_removed_and_each_item_is_its_own_block()
    {
        var sections = Parse("What to Bring\nPlease bring:\n- your insurance card\n- a list of medications\n* loose clothing\n");

        var section = Assert.Single(sections);
        Assert.Equal("What to Bring", section.Title);
        Assert.Equal(
            [(false, "Please bring:"), (true, "your insurance card"), (true, "a list of medications"), (true, "loose clothing")],
            section.Blocks.Select(b => (b.IsListItem, b.Text)).ToArray());
    }

    [Fact]
    public void Lead_in_paragraph_ending_with_a_colon_is_not_a_heading()
    {
        var sections = Parse("Before Your Visit\nA few things help:\n- Eat a light meal\n- Wear loose clothing\n");

        var section = Assert.Single(sections);
        Assert.Equal("Before Your Visit", section.Title);
        Assert.Equal("A few things help:", section.Blocks[0].Text);
        Assert.False(section.Blocks[0].IsListItem);
    }

    [Fact]
    public void Short_last_line_with_no_body_after_it_is_body_not_a_heading()
    {
        var sections = Parse("Opening Hours\nWe are open on weekdays from nine to five.\nThank you for reading\n");

        var section = Assert.Single(sections);
        Assert.Equal("Opening Hours", section.Title);
        Assert.Equal(
            ["We are open on weekdays from nine to five.", "Thank you for reading"],
            section.Blocks.Select(b => b.Text).ToArray());
    }

    [Fact]
    public void Text_before_the_first_heading_gets_the_fallback_title()
    {
        var sections = Parse("Welcome to the clinic.\nParking\nThere is free parking behind the building.\n");

        Assert.Equal([Fallback, "Parking"], sections.Select(s => s.Title).ToArray());
        Assert.Equal("Welcome to the clinic.", Assert.Single(sections[0].Blocks).Text);
    }

    [Fact]
    public void Hard_wrapped_lines_that_do_not_end_a_sentence_are_joined_into_one_paragraph()
    {
        // Every wrapped line ends with a comma, so none of them can be mistaken for a heading.
        var sections = Parse(
            "Preparing for Your Visit\n" +
            "Please bring a list of your current medications,\n" +
            "any recent scans or letters from your doctor,\n" +
            "and wear loose clothing so we can reach your back.\n");

        var section = Assert.Single(sections);
        Assert.Equal("Preparing for Your Visit", section.Title);
        var block = Assert.Single(section.Blocks);
        Assert.Equal(
            "Please bring a list of your current medications, any recent scans or letters from your doctor, " +
            "and wear loose clothing so we can reach your back.",
            block.Text);
    }

    [Fact]
    public void Hard_wrapped_paragraph_with_ordinary_line_breaks_stays_one_paragraph_under_its_heading()
    {
        var sections = Parse(
            "Preparing for Your Visit\n" +
            "Please eat a light meal before your appointment and wear\n" +
            "loose clothing so the practitioner can reach your back and\n" +
            "legs without any trouble during the session.\n");

        // Today: [("Fallback title", "Preparing for Your Visit Please eat ... and wear"),
        //         ("loose clothing so the practitioner can reach your back and", "legs without ... session.")]
        var section = Assert.Single(sections);
        Assert.Equal("Preparing for Your Visit", section.Title);
        Assert.Equal(
            "Please eat a light meal before your appointment and wear loose clothing so the practitioner can reach " +
            "your back and legs without any trouble during the session.",
            Assert.Single(section.Blocks).Text);
    }

    [Fact]
    public void Windows_line_endings_parse_exactly_like_unix_line_endings()
    {
        var unix = File.ReadAllText(RepositoryPaths.SeedArticle).ReplaceLineEndings("\n");
        var windows = unix.Replace("\n", "\r\n");
        Assert.Contains("\r\n", windows);

        var fromWindows = Parse(windows);

        Assert.Equal(SeedHeadings, fromWindows.Select(s => s.Title).ToArray());
        Assert.Equal(
            Parse(unix).SelectMany(s => s.Blocks).ToArray(),
            fromWindows.SelectMany(s => s.Blocks).ToArray());
        Assert.DoesNotContain(fromWindows.SelectMany(s => s.Blocks), b => b.Text.Contains('\r'));
        Assert.DoesNotContain(fromWindows, s => s.Title.Contains('\r'));
    }

    [Fact]
    public void Blank_lines_only_give_no_sections()
    {
        Assert.Empty(Parse("\n\n   \n"));
    }
}
