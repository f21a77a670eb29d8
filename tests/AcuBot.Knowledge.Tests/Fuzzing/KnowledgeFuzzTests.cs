using System.Text;
using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;
using CsCheck;
using Microsoft.Extensions.Logging;

namespace AcuBot.Knowledge.Tests.Fuzzing;

/// <summary>
/// The knowledge loader on files of any bytes (it skips what it cannot read, and never fails the load),
/// the synonym file parser on any text, and the search on any question.
/// </summary>
public sealed class KnowledgeFuzzTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    // ---- loader ----

    private static readonly Gen<byte[]> FileBytes = Gen.Frequency(
        (3, DocumentGen.ChaosText.Select(t => Encoding.UTF8.GetBytes(t))),
        (1, DocumentGen.PlainText.Select(d => Encoding.UTF8.GetBytes(d.Text))),
        (1, DocumentGen.Faq.Select(d => Encoding.UTF8.GetBytes(d.Text))),
        (1, DocumentGen.Markdown.Select(d => (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(d.Text)])),
        (1, DocumentGen.ChaosText.Select(t => (byte[])[0xFF, 0xFE, .. Encoding.Unicode.GetBytes(t)])),
        (1, DocumentGen.ChaosText.Select(t => (byte[])[0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(t)])),
        (1, DocumentGen.ChaosText.Select(t => Encoding.Unicode.GetBytes(t))),
        (1, Gen.Byte.Array[0, 300]),
        (1, Gen.Select(DocumentGen.ChaosText, Gen.Int[0, 1000], Gen.Byte)
            .Select((t, at, b) => { var bytes = Encoding.UTF8.GetBytes(t); if (bytes.Length > 0) bytes[at % bytes.Length] = b; return bytes; })));

    private static readonly Gen<string> FileName = Gen.OneOf(
        "article.txt", "notes.md", "prices.faq.md", "UPPER.TXT", "sub/dir/deep.md", "sub/x.faq.md", "synonyms.txt", "red-flags.txt",
        ".hidden.md", ".git/ignored.md", "no-extension", "a b c.txt", "émoji😀.md", "sub/.private/skip.txt");

    [Fact]
    public void Loading_a_folder_of_files_of_any_bytes_never_throws_and_gives_well_formed_passages() =>
        Fuzz.Check(Gen.Select(FileName, FileBytes).Array[1, 5], files =>
        {
            using var folder = new TempFolder();
            foreach (var (name, bytes) in files) folder.WriteBytes(name, bytes);
            var logger = new CapturingLogger<KnowledgeLoader>();

            var knowledge = new KnowledgeLoader(new KnowledgeSourceOptions { Folder = folder.Path, MaxFileBytes = 4096 }, new PassageAnalyzer(), logger).Load();

            var written = files.Select(f => f.Item1.Replace('/', Path.DirectorySeparatorChar)).ToHashSet();
            Assert.All(knowledge.Documents, d => Assert.Contains(d, written));
            Assert.DoesNotContain(knowledge.Documents, d => d is "synonyms.txt" or "red-flags.txt" || d.StartsWith('.') || d.Contains(Path.DirectorySeparatorChar + "."));
            Assert.Equal(Enumerable.Range(0, knowledge.Passages.Count), knowledge.Passages.Select(p => p.Id));
            foreach (var passage in knowledge.Passages)
            {
                Assert.Contains(passage.Section.SourceFile, knowledge.Documents);
                Assert.False(string.IsNullOrWhiteSpace(passage.Section.Title), "a section without a title");
                if (passage.Kind == Documents.PassageKind.Article && string.IsNullOrWhiteSpace(passage.Text))
                    Assert.True(passage.Section.SourceFile.EndsWith(".txt", StringComparison.OrdinalIgnoreCase), "an empty passage outside plain text"); // the known plain-text bug
                else
                    Assert.False(string.IsNullOrWhiteSpace(passage.Text), "an empty passage");
            }
            // Every document file that was not loaded was reported.
            var documents = written.Where(w => w.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || w.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                .Where(w => w is not ("synonyms.txt" or "red-flags.txt") && !w.StartsWith('.') && !w.Contains(Path.DirectorySeparatorChar + "."));
            foreach (var missing in documents.Except(knowledge.Documents))
                Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(missing, StringComparison.Ordinal));
        }, iterations: 150);

    [Fact]
    public void Files_the_loader_cannot_read_are_skipped_and_named_and_the_rest_load()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("bom.md", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("# Title\nBody text.\n")]);
        folder.WriteBytes("utf16le.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Heading\nUTF-16 text.\n")]);
        folder.WriteBytes("utf16be.txt", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("Heading\nBig-endian text.\n")]);
        folder.WriteBytes("utf16-no-bom.txt", Encoding.Unicode.GetBytes("Heading\nNo BOM.\n"));
        folder.WriteBytes("nul.txt", Encoding.UTF8.GetBytes("Heading\nText\0 with a NUL.\n"));
        folder.WriteBytes("invalid.md", [.. Encoding.UTF8.GetBytes("# T\ncaf"), 0xE9, .. Encoding.UTF8.GetBytes(".\n")]);
        folder.WriteBytes("surrogate.md", [.. Encoding.UTF8.GetBytes("# T\nx"), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(".\n")]);
        folder.WriteBytes("overlong.txt", [.. Encoding.UTF8.GetBytes("T\nx"), 0xC0, 0xAF, .. Encoding.UTF8.GetBytes(".\n")]);
        folder.WriteText("big.txt", "Big\n" + new string('x', 5000) + ".\n");
        folder.WriteText("empty.md", "");
        folder.WriteText("headings.md", "# A\n## B\n");
        folder.WriteText("crlf.txt", "Heading\r\nCRLF text.\r\n");
        folder.WriteText("cr.txt", "Heading\rCR text.\r");
        var logger = new CapturingLogger<KnowledgeLoader>();

        var knowledge = new KnowledgeLoader(new KnowledgeSourceOptions { Folder = folder.Path, MaxFileBytes = 4096 }, new PassageAnalyzer(), logger).Load();

        Assert.Equal(["bom.md", "cr.txt", "crlf.txt", "empty.md", "headings.md", "utf16be.txt", "utf16le.txt"], knowledge.Documents);
        Assert.Equal(["Body text.", "CR text.", "CRLF text.", "Big-endian text.", "UTF-16 text."], knowledge.Passages.Select(p => p.Text).ToArray());
        Assert.Equal("Title", knowledge.Passages[0].Section.Title);
        foreach (var skipped in new[] { "utf16-no-bom.txt", "nul.txt", "invalid.md", "surrogate.md", "overlong.txt", "big.txt" })
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(skipped, StringComparison.Ordinal));
    }

    // ---- synonyms ----

    [Fact]
    public void Any_synonym_file_parses_into_symmetric_groups_without_self_synonyms() =>
        Fuzz.Check(Gen.OneOf(DocumentGen.AnyText, DocumentGen.ChaosText, SynonymText), text =>
        {
            var map = SynonymMap.Parse(text, seed.Analyzer, out var problems);

            Assert.All(problems, p => Assert.StartsWith("line ", p));
            foreach (var term in TermsOf(text))
            {
                var alternatives = map.AlternativesOf(term);
                Assert.DoesNotContain(term, alternatives);
                Assert.Equal(alternatives.Distinct().Count(), alternatives.Count);
                Assert.All(alternatives, a => Assert.Contains(term, map.AlternativesOf(a)));
            }
        }, iterations: 200);

    [Fact]
    public void Words_of_one_synonym_group_are_alternatives_of_each_other() =>
        Fuzz.Check(Gen.OneOf(SynonymWords).Array[2, 6], group =>
        {
            var text = "# a comment, with, commas\n" + string.Join(" , ", group) + "  # trailing comment\r\n";
            var terms = group.SelectMany(w => seed.Analyzer.Terms(w)).Distinct().ToArray();

            var map = SynonymMap.Parse(text, seed.Analyzer, out _);

            foreach (var term in terms)
                Assert.Equal(terms.Where(t => t != term).Order(StringComparer.Ordinal), map.AlternativesOf(term).Order(StringComparer.Ordinal));
        }, iterations: 300);

    private static readonly string[] SynonymWords =
        ["hurt", "painful", "sore", "pinch", "needle", "pin", "cost", "price", "fee", "session", "appointment", "visit", "back", "spine", "ache", "tingle", "bruise"];

    private static readonly Gen<string> SynonymText = Gen.Select(Gen.OneOf([.. SynonymWords, "the", "and", "two words", "", " ", "#", "naïve", "x-ray", "it's", "😀", "日本語"]).Array[0, 6], Gen.OneOf(",", ", ", " ,", ",,", "|"))
        .Array[0, 8].Select(lines => string.Join("\n", (lines ?? []).Select(l => string.Join(l.Item2, l.Item1 ?? []))));

    private IEnumerable<string> TermsOf(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').SelectMany(l => l.Split('#')[0].Split(',')).SelectMany(e => seed.Analyzer.Terms(e)).Distinct();

    // ---- search ----

    private static readonly string[] QuestionWords =
    [
        "does", "acupuncture", "hurt", "how", "long", "needles", "stay", "in", "what", "are", "the", "risks", "of", "back", "pain", "is", "it", "safe",
        "pregnant", "cost", "session", "accupunture", "neeedles", "?", "!", "can't", "don't", "what's", "endorphins", "qi", "meridians",
    ];

    private static readonly Gen<string> Questions = Gen.Frequency(
        (4, Gen.OneOf(QuestionWords).Array[0, 12].Select(words => string.Join(' ', words ?? []))),
        (2, DocumentGen.AnyText),
        (1, DocumentGen.ChaosText),
        (1, Gen.OneOf(QuestionWords).Array[200, 400].Select(words => string.Join(' ', words ?? []))),
        (1, Gen.OneOf("+", "-", "&&", "||", "!", "(", ")", "{", "}", "[", "]", "^", "\"", "~", "*", "?", ":", "\\", "/", "AND", "OR", "NOT", "title:x", "text:*").Array[1, 10]
            .Select(ts => string.Join(' ', ts ?? []))));

    /// <summary>An index built from any document (odd passages, odd titles) answers any question without throwing.</summary>
    [Fact]
    public void An_index_of_any_document_answers_any_question() =>
        Fuzz.Check(Gen.Select(Gen.OneOf(DocumentGen.ChaosText, DocumentGen.AnyText, DocumentGen.PlainText.Select(d => d.Text)), Questions.Array[1, 5], DocumentGen.ChaosText.Array[0, 2]), input =>
        {
            var (document, questions, synonyms) = input;
            using var index = TestKnowledge.IndexOf(document, string.Join("\n", synonyms ?? []));

            foreach (var question in questions)
            {
                var result = index.Search(question, 5);
                Assert.True(result.Hits.Count <= 5);
                Assert.All(result.Hits, h => Assert.InRange(h.Confidence, 0, 1));
                Assert.All(result.Hits, h => Assert.Contains(h.Passage, index.Knowledge.Passages));
            }
            // A passage's own text finds that passage's section among the hits.
            if (index.Knowledge.Passages.FirstOrDefault(p => seed.Analyzer.Terms(p.Text).Count > 0) is { } passage)
                Assert.NotEmpty(index.Search(passage.Text, 20).Hits);
        }, iterations: 150, caseBudget: TimeSpan.FromSeconds(3));

    [Fact]
    public void Any_question_gets_ranked_hits_with_confidences_between_0_and_1() =>
        Fuzz.Check(Gen.Select(Questions, Gen.Int[0, 8]), input =>
        {
            var (question, maxHits) = input;
            var result = seed.Index.Search(question, maxHits);

            Assert.True(result.Hits.Count <= maxHits, $"{result.Hits.Count} hits for at most {maxHits}");
            Assert.All(result.Hits, h => Assert.InRange(h.Confidence, 0, 1));
            Assert.All(result.Hits, h => Assert.InRange(h.TitleCoverage, 0, 1));
            Assert.All(result.Hits, h => Assert.False(double.IsNaN(h.Score), "a NaN score"));
            for (var i = 1; i < result.Hits.Count; i++) Assert.True(result.Hits[i - 1].Score >= result.Hits[i].Score, "hits out of order");
            Assert.Equal(result.Hits.Count, result.Hits.Select(h => h.Passage.Id).Distinct().Count());
            Assert.True(result.Concepts.Count <= new SearchTuning().MaxConcepts);
            // The same question always gets the same hits.
            Assert.Equal(result.Hits.Select(h => h.Passage.Id), seed.Index.Search(question, maxHits).Hits.Select(h => h.Passage.Id));
        }, iterations: 300, caseBudget: TimeSpan.FromSeconds(2));
}
