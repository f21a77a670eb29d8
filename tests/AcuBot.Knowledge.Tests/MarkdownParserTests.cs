using AcuBot.Knowledge.Parsing;

namespace AcuBot.Knowledge.Tests;

public class MarkdownParserTests
{
    private const string Fallback = "Fallback title";

    private static IReadOnlyList<ParsedSection> Parse(string text) => new MarkdownParser().Parse(text, Fallback);

    private static (bool IsListItem, string Text)[] Blocks(ParsedSection section) =>
        section.Blocks.Select(b => (b.IsListItem, b.Text)).ToArray();

    [Fact]
    public void Atx_headings_of_any_level_start_sections_in_document_order()
    {
        var sections = Parse("# Fees\nA session costs sixty pounds.\n\n## Cancellations\nPlease give a day's notice.\n\n### Gift vouchers #\nVouchers are sold at reception.\n");

        Assert.Equal(["Fees", "Cancellations", "Gift vouchers"], sections.Select(s => s.Title).ToArray());
        Assert.Equal("Please give a day's notice.", Assert.Single(sections[1].Blocks).Text);
    }

    [Fact]
    public void Text_before_any_heading_gets_the_fallback_title()
    {
        var sections = Parse("Welcome to our clinic.\n\n# Parking\nThere is free parking.\n");

        Assert.Equal([Fallback, "Parking"], sections.Select(s => s.Title).ToArray());
        Assert.Equal("Welcome to our clinic.", Assert.Single(sections[0].Blocks).Text);
    }

    [Fact]
    public void Heading_with_no_body_under_it_gives_no_section()
    {
        var sections = Parse("# Empty\n\n# Full\nSome text.\n");

        Assert.Equal(["Full"], sections.Select(s => s.Title).ToArray());
    }

    [Fact]
    public void Paragraphs_are_separated_by_blank_lines_and_wrapped_lines_are_joined()
    {
        var sections = Parse("# About\nOur practitioners are all\nfully licensed and insured.\n\nWe have treated back pain for twenty years.\n");

        Assert.Equal(
            [(false, "Our practitioners are all fully licensed and insured."), (false, "We have treated back pain for twenty years.")],
            Blocks(Assert.Single(sections)));
    }

    [Fact]
    public void Markdown_paragraph_wrapped_after_a_full_stop_stays_one_paragraph()
    {
        var sections = Parse("# About\nOur practitioners are licensed.\nThey are also insured.\n");

        // Today: two blocks, "Our practitioners are licensed." and "They are also insured."
        Assert.Equal("Our practitioners are licensed. They are also insured.", Assert.Single(Assert.Single(sections).Blocks).Text);
    }

    [Fact]
    public void Dash_star_and_numbered_list_items_are_list_item_blocks_without_their_markers()
    {
        var sections = Parse("# Preparing\nBefore you come:\n\n- eat a light meal\n* wear loose clothing\n1. arrive ten minutes early\n2. bring your scans\n");

        Assert.Equal(
            [
                (false, "Before you come:"),
                (true, "eat a light meal"),
                (true, "wear loose clothing"),
                (true, "arrive ten minutes early"),
                (true, "bring your scans"),
            ],
            Blocks(Assert.Single(sections)));
    }

    [Fact]
    public void Indented_line_under_a_list_item_continues_that_item()
    {
        var sections = Parse("# Preparing\n- wear loose clothing\n  that leaves your back free\n- bring your scans\n");

        Assert.Equal(
            [(true, "wear loose clothing that leaves your back free"), (true, "bring your scans")],
            Blocks(Assert.Single(sections)));
    }

    [Fact]
    public void Links_and_images_keep_their_text_and_lose_their_targets()
    {
        var sections = Parse("# [Prices](https://example.org/prices)\nSee [our price list](https://example.org/prices) and ![the map](map.png) for details.\n");

        var section = Assert.Single(sections);
        Assert.Equal("Prices", section.Title);
        Assert.Equal("See our price list and the map for details.", Assert.Single(section.Blocks).Text);
    }

    [Fact]
    public void Code_fences_are_skipped_with_their_contents()
    {
        var sections = Parse("# Booking\nCall us to book.\n\n```json\n{ \"secret\": \"do not index me\" }\n```\n\n~~~\nalso hidden\n~~~\nWe reply within a day.\n");

        Assert.Equal(
            ["Call us to book.", "We reply within a day."],
            Assert.Single(sections).Blocks.Select(b => b.Text).ToArray());
    }

    [Fact]
    public void Front_matter_is_skipped()
    {
        var sections = Parse("---\ntitle: Clinic fees\nauthor: Reception\n---\n# Fees\nA session costs sixty pounds.\n");

        var section = Assert.Single(sections);
        Assert.Equal("Fees", section.Title);
        Assert.Equal("A session costs sixty pounds.", Assert.Single(section.Blocks).Text);
    }

    [Fact]
    public void Html_comments_and_tables_are_skipped()
    {
        var sections = Parse("# Fees\n<!-- internal note:\nraise prices in May -->\n| Item | Price |\n|------|-------|\n| Session | 60 |\n\nA session costs sixty pounds.\n");

        Assert.Equal("A session costs sixty pounds.", Assert.Single(Assert.Single(sections).Blocks).Text);
    }

    [Fact]
    public void Windows_line_endings_work()
    {
        var sections = Parse("# Fees\r\nA session costs\r\nsixty pounds.\r\n\r\n- cash\r\n- card\r\n");

        var section = Assert.Single(sections);
        Assert.Equal("Fees", section.Title);
        Assert.Equal([(false, "A session costs sixty pounds."), (true, "cash"), (true, "card")], Blocks(section));
    }

    [Fact]
    public void Hash_at_the_end_of_a_heading_word_is_kept()
    {
        var sections = Parse("# Why C#\nBecause.\n");

        Assert.Equal("Why C#", Assert.Single(sections).Title);
    }

    [Fact]
    public void Empty_front_matter_is_skipped()
    {
        var sections = Parse("---\n---\nHello there.\n");

        // Today the single block is "--- --- Hello there."
        Assert.Equal("Hello there.", Assert.Single(Assert.Single(sections).Blocks).Text);
    }
}
