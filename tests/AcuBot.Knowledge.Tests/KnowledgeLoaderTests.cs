using System.Text;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AcuBot.Knowledge.Tests;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CapturingLogger<KnowledgeLoader> _logger = new();

    public void Dispose() => _folder.Dispose();

    private KnowledgeBase Load(Action<KnowledgeSourceOptions>? configure = null)
    {
        var options = new KnowledgeSourceOptions { Folder = _folder.Path };
        configure?.Invoke(options);
        return new KnowledgeLoader(options, new PassageAnalyzer(), _logger).Load();
    }

    private static string Rel(params string[] parts) => Path.Combine(parts);

    private IEnumerable<LogEntry> Errors => _logger.Entries.Where(e => e.Level == LogLevel.Error);

    [Fact]
    public void Loads_md_and_txt_files_recursively_and_ignores_other_extensions()
    {
        _folder.WriteText("fees.md", "# Fees\nA session costs sixty pounds.\n");
        _folder.WriteText(Rel("articles", "back.txt"), "Back Pain\nAcupuncture may help back pain.\n");
        _folder.WriteText(Rel("articles", "deep", "neck.MD"), "# Neck\nNeck pain is common.\n");
        _folder.WriteText("notes.json", "{ \"not\": \"a document\" }");
        _folder.WriteText("readme.rtf", "Not a document either.");

        var knowledge = Load();

        Assert.Equal([Rel("articles", "back.txt"), Rel("articles", "deep", "neck.MD"), "fees.md"], knowledge.Documents);
        Assert.Equal(["Back Pain", "Neck", "Fees"], knowledge.Sections.Select(s => s.Title).ToArray());
        Assert.Equal(Rel("articles", "deep", "neck.MD"), knowledge.Sections[1].SourceFile);
        Assert.Empty(Errors);
    }

    [Fact]
    public void Passage_ids_are_positions_in_the_passage_list_and_sections_know_their_ordinal()
    {
        _folder.WriteText("a.md", "# One\nFirst.\n\nSecond.\n\n# Two\nThird.\n");
        _folder.WriteText("b.txt", "Three\nFourth.\n");

        var knowledge = Load();

        Assert.Equal(Enumerable.Range(0, 4), knowledge.Passages.Select(p => p.Id));
        Assert.Equal(["First.", "Second.", "Third.", "Fourth."], knowledge.Passages.Select(p => p.Text).ToArray());
        Assert.Equal([0, 1, 2], knowledge.Sections.Select(s => s.Ordinal).ToArray());
        Assert.All(knowledge.Passages, p => Assert.Contains(p, p.Section.Passages));
    }

    [Fact]
    public void Synonyms_and_red_flags_files_are_not_documents_but_synonyms_are_loaded()
    {
        _folder.WriteText("synonyms.txt", "needle, pin\n");
        _folder.WriteText("red-flags.txt", "chest pain\nnumbness in both legs\n");
        _folder.WriteText("article.txt", "Needles\nThe needles are very thin.\n");

        var knowledge = Load();

        Assert.Equal(["article.txt"], knowledge.Documents);
        Assert.DoesNotContain(knowledge.Passages, p => p.Text.Contains("chest pain") || p.Text.Contains("pin"));
        Assert.Equal(["pin"], knowledge.Synonyms.AlternativesOf("needl"));
    }

    [Fact]
    public void Renamed_synonyms_file_is_the_one_excluded_and_loaded()
    {
        _folder.WriteText(Rel("config", "words.txt"), "needle, pin\n");
        _folder.WriteText("synonyms.txt", "Synonyms\nThis clinic calls its glossary synonyms.txt.\n");

        var knowledge = Load(o => o.SynonymsFile = Rel("config", "words.txt"));

        Assert.Equal(["synonyms.txt"], knowledge.Documents);
        Assert.Equal(["pin"], knowledge.Synonyms.AlternativesOf("needl"));
    }

    [Fact]
    public void Binary_invalid_utf8_and_oversized_files_are_skipped_while_the_others_load()
    {
        _folder.WriteText("good.txt", "Opening Hours\nWe are open on weekdays.\n");
        _folder.WriteText("good.md", "# Fees\nA session costs sixty pounds.\n");
        // Valid UTF-8 (ASCII) but with NUL bytes, as a zip or a UTF-16 file without BOM would be.
        _folder.WriteBytes("archive.txt", [(byte)'P', (byte)'K', 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, (byte)'H', (byte)'i', 0x00, 0x00, (byte)'.', (byte)'\n']);
        _folder.WriteBytes("latin1.md", Encoding.Latin1.GetBytes("# Caf\u00e9\nOur caf\u00e9 is open.\n")); // 0xE9 alone is not UTF-8
        _folder.WriteText("huge.txt", "Big\n" + new string('x', 2_000) + ".\n");

        var knowledge = Load(o => o.MaxFileBytes = 1_000);

        Assert.Equal(["good.md", "good.txt"], knowledge.Documents);
        Assert.Equal(["Fees", "Opening Hours"], knowledge.Sections.Select(s => s.Title).ToArray());
        var errors = Errors.Select(e => e.Message).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Contains(errors, m => m.Contains("archive.txt") && m.Contains("binary"));
        Assert.Contains(errors, m => m.Contains("latin1.md") && m.Contains("not UTF-8 text") && !m.Contains("Unable to translate"));
        Assert.Contains(errors, m => m.Contains("huge.txt") && m.Contains("1000"));
    }

    [Fact]
    public void File_exactly_at_the_size_limit_is_loaded()
    {
        var path = _folder.WriteText("edge.txt", "Edge\nThis file is exactly at the limit.\n");

        var knowledge = Load(o => o.MaxFileBytes = new FileInfo(path).Length);

        Assert.Equal(["edge.txt"], knowledge.Documents);
    }

    [Fact]
    public void Utf8_bom_and_utf16_with_bom_are_read_as_text()
    {
        _folder.WriteBytes("bom8.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Caf\u00e9 Hours\nThe caf\u00e9 opens at nine.\n")]);
        _folder.WriteBytes("bom16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Parking\nPark behind the building.\n")]);

        var knowledge = Load();

        Assert.Equal(["bom16.txt", "bom8.txt"], knowledge.Documents);
        Assert.Equal(["Parking", "Caf\u00e9 Hours"], knowledge.Sections.Select(s => s.Title).ToArray());
        Assert.Equal(["Park behind the building.", "The caf\u00e9 opens at nine."], knowledge.Passages.Select(p => p.Text).ToArray());
        Assert.Empty(Errors);
    }

    [Fact]
    public void Hidden_files_are_not_loaded()
    {
        _folder.WriteText(".draft.md", "# Draft\nNot ready.\n");
        _folder.WriteText("ready.md", "# Ready\nReady to publish.\n");

        Assert.Equal(["ready.md"], Load().Documents);
    }

    [Fact]
    public void Empty_folder_gives_an_empty_knowledge_base()
    {
        var knowledge = Load();

        Assert.True(knowledge.IsEmpty);
        Assert.Empty(knowledge.Documents);
        Assert.Empty(knowledge.Sections);
        Assert.Equal(0, knowledge.Synonyms.Count);
    }

    [Fact]
    public void Missing_folder_gives_an_empty_knowledge_base_and_a_warning()
    {
        var missing = Path.Combine(_folder.Path, "does-not-exist");

        var knowledge = Load(o => o.Folder = missing);

        Assert.True(knowledge.IsEmpty);
        Assert.Empty(knowledge.Documents);
        Assert.Contains(_logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(missing));
    }

    [Fact]
    public void An_unclosed_HTML_comment_in_Markdown_is_reported_with_its_line()
    {
        _folder.WriteText("hours.md", "# Opening hours\n\nWe open at nine.\n\n<!-- draft: weekend hours\n\n# Parking\n\nThere is a car park.\n");
        _folder.WriteText("fees.md", "# Fees\n\n<!-- closed --> A session costs the same every time.\n");

        var knowledge = Load();

        var warning = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("hours.md", warning.Message);
        Assert.Contains("line 5", warning.Message);
        Assert.DoesNotContain(knowledge.Sections, s => s.Title == "Parking"); // hidden, as a browser would hide it
        Assert.Contains(knowledge.Sections, s => s.Title == "Fees");
    }

    [Fact]
    public void Faq_md_files_become_curated_passages_one_section_per_question()
    {
        _folder.WriteText("clinic.faq.md",
            "## Is there parking?\nAlso asked: where can I park? | car park\n\nYes, behind the building.\n\n" +
            "## Do you take cards?\nYes, all major cards.\n");
        _folder.WriteText("article.md", "# Fees\nA session costs sixty pounds.\n");

        var knowledge = Load();

        Assert.Equal(["article.md", "clinic.faq.md"], knowledge.Documents);
        var curated = knowledge.Passages.Where(p => p.Kind == PassageKind.Curated).ToArray();
        Assert.Equal(2, curated.Length);
        Assert.Equal(["Is there parking?", "where can I park?", "car park"], curated[0].Questions);
        Assert.Equal("Yes, behind the building.", curated[0].Text);
        Assert.Equal("Is there parking?", curated[0].Section.Title);
        Assert.Equal("clinic.faq.md", curated[0].Section.SourceFile);
        Assert.Equal(["Do you take cards?"], curated[1].Questions);
        var article = Assert.Single(knowledge.Passages, p => p.Kind == PassageKind.Article);
        Assert.Empty(article.Questions);
    }

    [Fact]
    public void List_items_link_to_their_lead_in_which_introduces_the_list()
    {
        _folder.WriteText("risks.txt",
            "Risks\n" +
            "Rarely, individuals may experience:\n" +
            "- Minor bleeding\n" +
            "- Temporary dizziness\n" +
            "See a licensed practitioner.\n" +
            "- An item after a plain paragraph\n");

        var passages = Load().Passages;

        var leadIn = passages[0];
        Assert.Equal("Rarely, individuals may experience:", leadIn.Text);
        Assert.True(leadIn.IntroducesList);
        Assert.Null(leadIn.LeadIn);
        Assert.Same(leadIn, passages[1].LeadIn);
        Assert.Same(leadIn, passages[2].LeadIn);
        Assert.Equal("See a licensed practitioner.", passages[3].Text);
        Assert.False(passages[3].IntroducesList);
        Assert.Equal("An item after a plain paragraph", passages[4].Text);
        Assert.Null(passages[4].LeadIn);
    }

    [Fact]
    public void Lead_in_does_not_carry_over_to_a_list_in_the_next_section()
    {
        _folder.WriteText("a.md", "# One\nYou may need:\n\n- a towel\n\n# Two\n- an orphan item\n");

        var passages = Load().Passages;

        Assert.Same(passages[0], passages[1].LeadIn);
        Assert.Equal("an orphan item", passages[2].Text);
        Assert.Null(passages[2].LeadIn);
    }

    [Fact]
    public void Seed_folder_loads_the_article_and_links_risk_items_to_their_lead_in()
    {
        var knowledge = new KnowledgeLoader(new KnowledgeSourceOptions { Folder = RepositoryPaths.KnowledgeFolder }, new PassageAnalyzer(), _logger).Load();

        Assert.Contains("acupuncture-back-pain.txt", knowledge.Documents);
        Assert.DoesNotContain("synonyms.txt", knowledge.Documents);
        Assert.DoesNotContain("red-flags.txt", knowledge.Documents);
        var bleeding = Assert.Single(knowledge.Passages, p => p.Text == "Minor bleeding or bruising at insertion sites");
        Assert.NotNull(bleeding.LeadIn);
        Assert.StartsWith("While acupuncture is generally safe", bleeding.LeadIn.Text);
        Assert.True(bleeding.LeadIn.IntroducesList);
    }
}
