using System.Text;
using AcuBot.Knowledge.Parsing;

namespace AcuBot.Knowledge.Tests.Fuzzing;

/// <summary>
/// A corpus of nasty documents for the three parsers: only headings, only list markers, CRLF and CR-only
/// endings, huge lines and words, NUL bytes, lone surrogates, RTL, emoji and zero-width text, Markdown that
/// never closes. Each is parsed by every parser under a time budget, and the result must be well formed.
/// </summary>
public sealed class ParserCorpusTests
{
    private static readonly PlainTextParser PlainText = new();
    private static readonly MarkdownParser Markdown = new();
    private static readonly CuratedFaqParser Faq = new();

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    /// <summary>Name, then the text (built only when its case runs: some are megabytes).</summary>
    private static readonly Dictionary<string, Func<string>> Cases = new()
    {
        ["empty"] = () => "",
        ["one newline"] = () => "\n",
        ["CR only"] = () => "\r\r\r",
        ["CRLF only"] = () => Repeat("\r\n", 10_000),
        ["whitespace lines"] = () => " \n\t\n\u00A0\n\u3000\n\v\n\f\n",
        ["only plain headings"] = () => "Benefits of Acupuncture\nRisks of Acupuncture\nWhat to Expect\n",
        ["only Markdown headings"] = () => "# One\n## Two\n###### Six\n# \n#\n####### Seven\n",
        ["only list markers"] = () => "-\n*\n•\n+\n–\n1.\n2)\n999.\n1000.\n",
        ["list markers with one space"] = () => "- \n* \n1. \n",
        ["list items without a lead-in"] = () => "- one\n- two\n  - nested\n\t* tabbed\n",
        ["only an Also-asked line"] = () => "Also asked: a | b | c\n",
        ["FAQ questions without answers"] = () => "## One?\n## Two?\nAlso asked: x\n## Three?\n",
        ["FAQ empty question heading"] = () => "## Price?\nNinety dollars.\n\n## \nAn answer with no question.\n",
        ["Also asked with only pipes"] = () => "## Q?\nAlso asked: | | |\nAnswer.\n",
        ["CRLF article"] = () => "Benefits of Acupuncture\r\nIt may relieve pain.\r\n\r\nRisks\r\n- bruising\r\n- soreness\r\n",
        ["CR-only article"] = () => "Benefits of Acupuncture\rIt may relieve pain.\r\rRisks\r- bruising\r- soreness\r",
        ["mixed line endings"] = () => "# A\r\nbody one\rbody two\n\r# B\u2028body three\u0085body four\fend",
        ["unclosed code fence"] = () => "# A\nbody\n```\n# B\nhidden\n",
        ["unclosed comment"] = () => "# A\nbody\n<!-- never closed\n# B\nmore\n",
        ["unclosed front matter"] = () => "---\ntitle: x\n# A\nbody\n",
        ["front matter closed by a longer rule"] = () => "---\n---- x\nbody\n",
        ["front matter with CRLF"] = () => "---\r\ntitle: x\r\n---\r\n# A\r\nbody\r\n",
        ["empty link and image"] = () => "# [](x)\n[](y)\n![](z)\n- [](w)\n",
        ["heading of only closing hashes"] = () => "# ###\nbody\n",
        ["blockquote markers only"] = () => ">\n> \n>>>\n> > >\n",
        ["table only"] = () => "| a | b |\n|---|---|\n| 1 | 2 |\n",
        ["NUL characters"] = () => "Title\0\nBody\0 text.\n- item\0\n\0\n",
        ["lone surrogates"] = () => "# \uD800\n\uDC00 body \uD83D\n- \uDFFF\nTitle \uDBFF\nText.\n",
        ["RTL, emoji, zero-width"] = () => "# \u202Eשלום\u202C 😀\n\u200B\u200B\u200B\nمرحبا بكم في العيادة.\n- 👨‍👩‍👧 \u2066family\u2069\n\uFEFFZero\u200Dwidth\u2060joined\n",
        ["only zero-width characters"] = () => "\u200B\n\u200C\u200D\n\uFEFF\n\u2060\n",
        ["combining marks"] = () => "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗\ne\u0301\u0301\u0301\u0301.\n",
        ["BOM at the start"] = () => "\uFEFF# Title\nBody.\n",
        ["a 1 MB word"] = () => Repeat("pneumonoultramicroscopicsilicovolcanoconiosis", 23_000),
        ["a 1 MB line of words"] = () => Repeat("acupuncture may help ", 50_000),
        ["a 100 KB heading line"] = () => "# " + Repeat("Title ", 17_000) + "\nbody\n",
        ["30k short lines"] = () => Repeat("A\n", 30_000),
        ["20k headings with bodies"] = () => Repeat("Title\nBody.\n", 20_000),
        ["30k list items"] = () => "Items:\n" + Repeat("- item\n", 30_000),
        ["30k Markdown headings"] = () => Repeat("# h\n", 30_000),
        ["a 100 KB list item with continuation"] = () => "- " + Repeat("word ", 10_000) + "\n  " + Repeat("more ", 10_000),
        ["30 KB of open brackets"] = () => new string('[', 30_000),
        ["30 KB of comment openers"] = () => Repeat("<!--", 7_500),
        ["30 KB of link openers"] = () => Repeat("[a](", 7_500),
        ["100 KB of hashes"] = () => new string('#', 100_000),
        ["heading with 100 KB of spaces"] = () => "# " + new string(' ', 100_000) + "x\nbody\n",
        ["list marker with 100 KB of spaces"] = () => "-" + new string(' ', 100_000) + "x\n",
        ["100 KB of tabs"] = () => new string('\t', 100_000) + "x",
        ["alternating blank lines"] = () => Repeat("Title\n\n\n", 10_000) + "Body.",
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_nasty_document_gives_well_formed_sections_from_every_parser_in_time(string name)
    {
        var text = Cases[name]();
        IReadOnlyList<ParsedSection> plain = [], markdown = [];
        IReadOnlyList<CuratedEntry> faq = [];

        var took = Fuzz.Bounded(() =>
        {
            plain = PlainText.Parse(text, "Fallback");
            markdown = Markdown.Parse(text, "Fallback");
            faq = Faq.Parse(text);
        });

        Assert.True(took < TimeSpan.FromSeconds(5), $"{name}: parsing took {took.TotalMilliseconds:F0} ms");
        Fuzz.Bounded(() =>
        {
            ParserPropertyTests.AssertWellFormed(plain, text);
            ParserPropertyTests.AssertWellFormed(markdown, text);
            ParserPropertyTests.AssertWellFormedFaq(faq);
        });
    }

    [Fact]
    public void A_file_of_only_headings_keeps_its_text_in_plain_text_and_has_no_sections_in_Markdown()
    {
        // Plain text: a heading needs body text after it, so lines that are all heading-like are the body.
        var plain = PlainText.Parse("Benefits of Acupuncture\nRisks of Acupuncture\nWhat to Expect\n", "Fallback");
        Assert.Equal("Benefits of Acupuncture Risks of Acupuncture What to Expect", string.Join(" ", plain.SelectMany(s => s.Blocks).Select(b => b.Text)));
        // Markdown: headings are headings; with nothing under them there are no sections.
        Assert.Empty(Markdown.Parse("# One\n## Two\n###### Six\n", "Fallback"));
    }

    [Theory]
    [InlineData("-\n*\n•\n1.\n")]
    [InlineData("- \n* \n1. \n")]
    public void Lines_of_only_list_markers_are_not_lost(string text)
    {
        var words = PlainText.Parse(text, "Fallback").SelectMany(s => s.Blocks).SelectMany(b => b.Text.Split(' ')).ToArray();

        Assert.Equal(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), words);
    }

    [Fact]
    public void CRLF_and_CR_only_articles_parse_like_LF()
    {
        var lf = ParserPropertyTests.Show(PlainText.Parse(Cases["CRLF article"]().ReplaceLineEndings("\n"), "F"));

        Assert.Equal(lf, ParserPropertyTests.Show(PlainText.Parse(Cases["CRLF article"](), "F")));
        Assert.Equal(lf, ParserPropertyTests.Show(PlainText.Parse(Cases["CR-only article"](), "F")));
        Assert.Contains("# \"Risks\"", lf);
    }

    /// <summary>
    /// Bug: in a curated FAQ file, an answer under an empty question heading ("## " with nothing after it) is
    /// filed under the question before it, as a second entry with the same question. MarkdownParser keeps the
    /// previous title when a heading's text is empty, and CuratedFaqParser takes each section's title as its
    /// question, so the clinic's "Price?" gets a wrong second answer and nothing reports the empty question.
    /// </summary>
    [Fact]
    public void Bug_an_answer_under_an_empty_question_is_not_given_to_the_question_before()
    {
        var entries = Faq.Parse("## Price?\nNinety dollars.\n\n## \nAn answer with no question.\n");

        Assert.DoesNotContain(entries, e => e.Questions.Contains("Price?") && e.Answer.Contains("no question"));
    }

    /// <summary>
    /// Found by fuzzing (fixed): MarkdownParser's link and comment patterns were tried at every position of a
    /// line or file that never closed them, so the time grew with the square of the length (1 MB of "[": ~8.8 s,
    /// of "&lt;!--": ~4 s; a 5 MB file, the Knowledge:MaxFileBytes limit, would have held the bot's start for
    /// minutes). Now the time grows with the length: five times the text may take at most about five times as long.
    /// </summary>
    [Theory]
    [InlineData("[")]
    [InlineData("<!--")]
    [InlineData("[a](")]
    [InlineData("![")]
    public void Markdown_with_unclosed_brackets_or_comments_is_parsed_in_linear_time(string unit)
    {
        var small = Repeat(unit, 60_000 / unit.Length);
        var large = Repeat(unit, 300_000 / unit.Length);
        Markdown.Parse(small, "Fallback"); // warm up

        var tookSmall = Fuzz.Fastest(() => Markdown.Parse(small, "Fallback"));
        var tookLarge = Fuzz.Fastest(() => Markdown.Parse(large, "Fallback"), TimeSpan.FromSeconds(60));

        // Linear: ~5x. Quadratic: ~25x. The slack absorbs timer noise on tiny times.
        Assert.True(tookLarge < tookSmall * 12 + TimeSpan.FromMilliseconds(250),
            $"60 KB took {tookSmall.TotalMilliseconds:F0} ms, 300 KB took {tookLarge.TotalMilliseconds:F0} ms");
    }
}
