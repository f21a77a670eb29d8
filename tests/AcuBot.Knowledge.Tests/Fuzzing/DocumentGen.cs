using System.Text;
using AcuBot.Knowledge.Parsing;
using CsCheck;

namespace AcuBot.Knowledge.Tests.Fuzzing;

/// <summary>A generated document and the sections a parser must find in it.</summary>
internal sealed record GeneratedDocument(string Text, IReadOnlyList<ParsedSection> Expected)
{
    public override string ToString() => Fuzz.Literal(Text);
}

/// <summary>A generated curated FAQ file and the entries the parser must find in it.</summary>
internal sealed record GeneratedFaq(string Text, IReadOnlyList<CuratedEntry> Expected)
{
    public override string ToString() => Fuzz.Literal(Text);
}

/// <summary>
/// Generators of knowledge documents. The model generators build a document from parts whose meaning
/// the README fixes (headings, paragraphs, hard-wrapped sentences, lists, code fences, comments...) and
/// know the sections the parser must return; the chaos generators make line soup and arbitrary text,
/// for properties that hold whatever the input.
/// </summary>
internal static class DocumentGen
{
    // ---- words ----

    private static readonly string[] LowerWords =
    [
        "acupuncture", "needles", "back", "pain", "session", "may", "help", "relief", "the", "a", "of", "and", "with", "sterile", "thin",
        "café", "naïve", "x—y", "e-mail", "well-being", "don't", "it’s", "qi", "über", "co2", "i.e.", "etc", "ok",
    ];

    private static readonly string[] CapitalWords =
    [
        "Acupuncture", "Back", "Pain", "Needles", "Session", "What", "Who", "How", "Risks", "Benefits", "Understanding", "Final",
        "Éclair", "Ørsted", "İstanbul", "Ünal", "Ωmega", "Ärzte", "2025", "10", "X", "Q",
    ];

    /// <summary>Words with no case or outside ASCII: RTL, CJK, emoji, zero-width joiners, combining marks.</summary>
    private static readonly string[] ExoticWords =
    [
        "مرحبا", "الوخز", "שלום", "日本語", "針治療", "😀", "👨‍👩‍👧", "🇫🇷", "a\u200Bb", "\u200Fמימין", "e\u0301", "x\u2060y", "ﬁne", "\u202Eevil",
        "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗", "𝔘𝔫𝔦", "3.5", "24/7",
    ];

    private static readonly Gen<string> Lower = Gen.OneOf(LowerWords);
    private static readonly Gen<string> Capital = Gen.OneOf(CapitalWords);
    private static readonly Gen<string> AnyWord = Gen.Frequency((6, Lower), (2, Capital), (2, Gen.OneOf(ExoticWords)));

    /// <summary>A word that can end a heading: none ends with a full stop.</summary>
    private static readonly Gen<string> HeadingWord = AnyWord.Where(w => !w.EndsWith('.'));

    /// <summary>The first word of a paragraph: never lower case, which would make the line above it a wrapped sentence.</summary>
    private static readonly Gen<string> BodyStart = Gen.Frequency((3, Capital), (1, Gen.OneOf(ExoticWords.Where(w => !char.IsLower(w[0])).ToArray())));

    /// <summary>Spaces or tabs at the end of a line, which editors leave behind.</summary>
    private static readonly Gen<string> TrailingSpace = Gen.Frequency((6, Gen.Const("")), (1, Gen.OneOf(" ", "  ", "\t", " \t ")));

    private static string Words(string first, string[]? rest) => string.Join(' ', [first, .. rest ?? []]);

    // ---- plain text (the README's rules for *.txt) ----

    private abstract record Part;
    private sealed record Heading(string Text) : Part;
    private sealed record Paragraph(string[] Lines, string Joined) : Part;
    private sealed record ListItem(string Line, string[] Continuations, string Text) : Part;

    /// <summary>A heading: short, starts with a capital or digit, no final full stop, comma, colon or semicolon (a "?" is allowed).</summary>
    private static readonly Gen<Part> PlainHeading = Gen.Select(Capital, HeadingWord.Array[0, 5], Gen.OneOf("", "", "?"))
        .Select((first, rest, end) => (Part)new Heading(Words(first, rest) + end));

    /// <summary>A sentence, on one line or hard-wrapped over several (wrapped lines go on in lower case).</summary>
    private static readonly Gen<Part> PlainParagraph = Gen.Select(
            BodyStart, AnyWord.Array[0, 10],
            Gen.Select(Lower, AnyWord.Array[0, 8]).Array[0, 3], Gen.OneOf(".", "!", ":", "…."), Gen.Int)
        .Select((first, rest, wrapped, end, seed) =>
        {
            var random = new Random(seed);
            var lines = new List<string> { Words(first, rest) };
            foreach (var (head, tail) in wrapped ?? []) lines.Add(Words(head, tail));
            lines[^1] += end;
            var joined = string.Join(' ', lines);
            // A line that stops mid-sentence must not look finished: no final punctuation before the wrap.
            for (var i = 0; i < lines.Count - 1; i++)
                if (EndsSentence(lines[i])) lines[i] += random.Next(2) == 0 ? "," : " and";
            joined = string.Join(' ', lines);
            return (Part)new Paragraph(lines.Select(l => l + (random.Next(6) == 0 ? " " : "")).ToArray(), joined);
        });

    private static readonly Gen<string> Marker = Gen.OneOf("-", "*", "•", "+", "–", "1.", "2)", "10.", "999.");

    /// <summary>A list item, sometimes with indented lines that continue it.</summary>
    private static readonly Gen<Part> PlainListItem = Gen.Select(Marker, Gen.OneOf(" ", "  ", "\t"), AnyWord.Array[1, 6],
            AnyWord.Array[1, 5].Array[0, 2], Gen.OneOf(" ", "  ", "\t", "    "))
        .Select((marker, gap, words, continuations, indent) =>
        {
            var text = string.Join(' ', words ?? []);
            var more = (continuations ?? []).Select(c => string.Join(' ', c ?? [])).ToArray();
            return (Part)new ListItem(marker + gap + text, more.Select(c => indent + c).ToArray(), string.Join(' ', [text, .. more]));
        });

    /// <summary>A list: its lead-in sentence ends with a colon; the items follow without blank lines.</summary>
    private static readonly Gen<Part[]> PlainList = Gen.Select(PlainParagraph, PlainListItem.Array[1, 5])
        .Select((lead, items) =>
        {
            var paragraph = (Paragraph)lead;
            var lines = paragraph.Lines.ToArray();
            lines[^1] = lines[^1].TrimEnd().TrimEnd('.', '!', ':', '…') + ":";
            return (Part[])[new Paragraph(lines, paragraph.Joined.TrimEnd('.', '!', ':', '…') + ":"), .. items ?? []];
        });

    private static readonly Gen<Part[]> PlainBody = Gen.Frequency(
            (3, PlainParagraph.Select(p => new[] { p })), (1, PlainList), (1, PlainListItem.Select(p => new[] { p })))
        .Array[1, 4].Select(groups => (groups ?? []).SelectMany(g => g ?? []).ToArray());

    private static readonly Gen<string> LineEnding = Gen.Frequency((6, Gen.Const("\n")), (2, Gen.Const("\r\n")), (1, Gen.Const("\r")));

    /// <summary>
    /// A plain-text article: an optional untitled opening, then headings each followed by body text;
    /// blank lines (some with spaces) between parts; one line-ending style per file (LF, CRLF or CR only).
    /// </summary>
    public static readonly Gen<GeneratedDocument> PlainText = Gen.Select(
            PlainBody.Array[0, 1], Gen.Select(PlainHeading, PlainBody).Array[0, 5], LineEnding, Gen.Int)
        .Select((opening, sections, newline, seed) =>
        {
            var random = new Random(seed);
            var lines = new List<string>();
            var expected = new List<ParsedSection>();
            foreach (var body in opening ?? []) AddSection(Fallback, body, heading: null);
            foreach (var (heading, body) in sections ?? []) AddSection(((Heading)heading).Text, body, heading);
            if (random.Next(3) == 0) lines.Add("");
            return new GeneratedDocument(string.Join(newline, lines), expected);

            void AddSection(string title, Part[]? body, Part? heading)
            {
                body ??= [];
                if (heading is Heading h)
                {
                    // A blank line before a heading unless the text above ends a sentence (then it is optional).
                    var aboveEndsSentence = lines.Count == 0 || EndsSentence(lines[^1]) && !char.IsWhiteSpace(lines[^1][0]);
                    if (!aboveEndsSentence || random.Next(2) == 0) lines.AddRange(BlankLines(random));
                    lines.Add(h.Text + (random.Next(5) == 0 ? " " : ""));
                    if (random.Next(2) == 0) lines.AddRange(BlankLines(random));
                }
                var blocks = new List<TextBlock>();
                Part? previous = null;
                foreach (var part in body)
                {
                    // Blank lines between body parts change nothing: sentences and list items end their blocks anyway.
                    if (previous is not null && random.Next(2) == 0) lines.AddRange(BlankLines(random));
                    switch (part)
                    {
                        case Paragraph paragraph:
                            lines.AddRange(paragraph.Lines);
                            blocks.Add(new TextBlock(paragraph.Joined, IsListItem: false));
                            break;
                        case ListItem item:
                            lines.Add(item.Line + (random.Next(5) == 0 ? " " : ""));
                            lines.AddRange(item.Continuations);
                            blocks.Add(new TextBlock(item.Text, IsListItem: true));
                            break;
                    }
                    previous = part;
                }
                if (blocks.Count > 0) expected.Add(new ParsedSection(title, blocks));
            }
        });

    public const string Fallback = "Fallback \u0001 title";

    /// <summary>Whether a line ends a sentence, as the README's plain-text rules read it (quotes and brackets aside).</summary>
    private static bool EndsSentence(string line)
    {
        var trimmed = line.TrimEnd().TrimEnd('"', '\'', '”', '’', ')', '*', '_');
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' or ':' or ';';
    }

    private static IEnumerable<string> BlankLines(Random random) => Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(4) switch
    {
        0 => " ",
        1 => "\t ",
        _ => "",
    });

    // ---- Markdown ----

    /// <summary>Inline Markdown in a line of body text: a word, a link or image (which keeps only its text), emphasis.</summary>
    private static readonly Gen<(string Written, string Read)> InlineWord = Gen.Frequency(
        (10, AnyWord.Select(w => (w, w))),
        (1, Gen.Select(Lower, Gen.OneOf("https://example.org/a?b=c", "page.md", "#anchor", "")).Select((t, url) => ($"[{t}]({url})", t))),
        (1, Gen.Select(Lower, Gen.OneOf("img.png", "x")).Select((t, url) => ($"![{t}]({url})", t))),
        (1, Lower.Select(w => ($"*{w}*", $"*{w}*"))),
        (1, Lower.Select(w => ($"**{w}**", $"**{w}**"))),
        (1, Lower.Select(w => ($"`{w}`", $"`{w}`"))));

    private static readonly Gen<(string Written, string Read)> InlineLine = Gen.Select(Gen.Frequency((3, Capital), (1, Lower)), InlineWord.Array[0, 8])
        .Select((first, rest) => (string.Join(' ', [first, .. (rest ?? []).Select(r => r.Written)]), string.Join(' ', [first, .. (rest ?? []).Select(r => r.Read)])));

    private abstract record MdPart;
    private sealed record MdHeading(string Line, string Title) : MdPart;
    private sealed record MdBlock(string[] Lines, TextBlock Block) : MdPart;
    /// <summary>Lines the parser skips: code fences, comments, tables, or blank lines.</summary>
    private sealed record MdSkipped(string[] Lines) : MdPart;

    private static readonly Gen<MdPart> MdHeadingGen = Gen.Select(Gen.Int[1, 6], Gen.OneOf("", " ", "  ", "   "), InlineLine, Gen.OneOf("", "", " #", " ###", "  "))
        .Select((level, indent, title, closing) => (MdPart)new MdHeading(indent + new string('#', level) + " " + title.Written + closing, title.Read));

    private static readonly Gen<MdPart> MdParagraph = Gen.Select(InlineLine.Array[1, 4], Gen.Bool)
        .Select((lines, quoted) =>
        {
            lines ??= [];
            return (MdPart)new MdBlock(lines.Select(l => (quoted ? "> " : "") + l.Written).ToArray(),
                new TextBlock(string.Join(' ', lines.Select(l => l.Read)), IsListItem: false));
        });

    private static readonly Gen<MdPart> MdListItem = Gen.Select(Gen.OneOf("-", "*", "+", "1.", "2)", "•"), Gen.OneOf("", " ", "  "), InlineLine, InlineLine.Array[0, 2])
        .Select((marker, indent, line, continuations) =>
        {
            continuations ??= [];
            return (MdPart)new MdBlock([indent + marker + " " + line.Written, .. continuations.Select(c => "   " + c.Written)],
                new TextBlock(string.Join(' ', [line.Read, .. continuations.Select(c => c.Read)]), IsListItem: true));
        });

    private static readonly Gen<MdPart> MdSkippedGen = Gen.OneOf(
        InlineLine.Array[0, 3].Select(code => (MdPart)new MdSkipped(["```csharp", .. (code ?? []).Select(c => c.Written), "```"])),
        InlineLine.Array[0, 2].Select(code => (MdPart)new MdSkipped(["~~~", .. (code ?? []).Select(c => "# " + c.Written), "~~~"])),
        InlineLine.Select(c => (MdPart)new MdSkipped([$"<!-- {c.Written} -->"])),
        InlineLine.Array[1, 3].Select(c => (MdPart)new MdSkipped(["<!--", .. (c ?? []).Select(x => x.Written), "-->"])),
        InlineLine.Array[1, 3].Select(cells => (MdPart)new MdSkipped(["| " + string.Join(" | ", (cells ?? []).Select(c => c.Written)) + " |", "|---|---|"])));

    /// <summary>
    /// A Markdown article: optional front matter, then headings, paragraphs (some quoted), list items,
    /// code fences, comments and tables in any order, separated by blank lines.
    /// </summary>
    public static readonly Gen<GeneratedDocument> Markdown = Gen.Select(
            Gen.Frequency((4, MdParagraph), (2, MdListItem), (2, MdHeadingGen), (1, MdSkippedGen)).Array[0, 12],
            Gen.Bool, LineEnding, Gen.Int)
        .Select((parts, frontMatter, newline, seed) =>
        {
            var random = new Random(seed);
            var lines = new List<string>();
            if (frontMatter) lines.AddRange(["---", "title: Front matter is not text", "tags: [a, b]", "---"]);
            var expected = new List<ParsedSection>();
            var title = Fallback;
            var blocks = new List<TextBlock>();
            foreach (var part in parts ?? [])
            {
                if (lines.Count > 0) lines.AddRange(BlankLines(random));
                switch (part)
                {
                    case MdHeading heading:
                        lines.Add(heading.Line);
                        if (blocks.Count > 0) expected.Add(new ParsedSection(title, blocks.ToArray()));
                        blocks.Clear();
                        title = heading.Title;
                        break;
                    case MdBlock block:
                        lines.AddRange(block.Lines.Select(l => l + (random.Next(6) == 0 ? " " : "")));
                        blocks.Add(block.Block);
                        break;
                    case MdSkipped skipped:
                        lines.AddRange(skipped.Lines);
                        break;
                }
            }
            if (blocks.Count > 0) expected.Add(new ParsedSection(title, blocks.ToArray()));
            return new GeneratedDocument(string.Join(newline, lines), expected);
        });

    // ---- curated FAQ ----

    private static readonly Gen<string> Phrase = Gen.Select(Capital, AnyWord.Array[0, 6], Gen.OneOf("?", "", "?"))
        .Select((first, rest, end) => Words(first, rest) + end);

    private sealed record FaqEntry(string Question, string[] AlsoAsked, string AlsoAskedPrefix, MdBlock[] Answer);

    private static readonly Gen<FaqEntry> FaqEntryGen = Gen.Select(Phrase, Phrase.Array[0, 3], Gen.OneOf("Also asked:", "also asked:", "ALSO ASKED:", "Also asked:"),
            Gen.Frequency((3, MdParagraph), (1, MdListItem)).Array[0, 3])
        .Select((question, alsoAsked, prefix, answer) => new FaqEntry(question, alsoAsked ?? [], prefix, (answer ?? []).Cast<MdBlock>().ToArray()));

    /// <summary>A curated Q&amp;A file: optional preamble, then "## question", an optional "Also asked:" line, and the answer.</summary>
    public static readonly Gen<GeneratedFaq> Faq = Gen.Select(MdParagraph.Array[0, 2], FaqEntryGen.Array[0, 6], LineEnding, Gen.Int)
        .Select((preamble, entries, newline, seed) =>
        {
            var random = new Random(seed);
            var lines = new List<string>();
            foreach (var part in (preamble ?? []).Cast<MdBlock>())
            {
                lines.AddRange(part.Lines);
                lines.Add("");
            }
            var expected = new List<CuratedEntry>();
            foreach (var entry in entries ?? [])
            {
                lines.Add("## " + entry.Question);
                if (random.Next(2) == 0) lines.Add("");
                if (entry.AlsoAsked.Length > 0)
                {
                    lines.Add(entry.AlsoAskedPrefix + " " + string.Join(random.Next(2) == 0 ? " | " : "|", entry.AlsoAsked) + (random.Next(3) == 0 ? " |" : ""));
                    if (random.Next(2) == 0) lines.Add("");
                }
                foreach (var block in entry.Answer)
                {
                    lines.AddRange(block.Lines);
                    lines.Add("");
                }
                if (entry.Answer.Length > 0)
                    expected.Add(new CuratedEntry([entry.Question, .. entry.AlsoAsked],
                        string.Join("\n", entry.Answer.Select(b => b.Block.IsListItem ? "- " + b.Block.Text : b.Block.Text))));
            }
            return new GeneratedFaq(string.Join(newline, lines), expected);
        });

    // ---- chaos ----

    /// <summary>One line of any kind a clinic's file might hold, well-formed or not.</summary>
    private static readonly Gen<string> ChaosLine = Gen.Frequency(
        (4, Gen.Const("")),
        (1, Gen.OneOf(" ", "\t", "   \t ", "\u00A0", "\u3000", "\v")),
        (3, PlainHeading.Select(h => ((Heading)h).Text)),
        (4, PlainParagraph.Select(p => string.Join(' ', ((Paragraph)p).Lines))),
        (2, Gen.Select(Lower, AnyWord.Array[0, 6]).Select((w, rest) => Words(w, rest))),
        (3, PlainListItem.Select(i => ((ListItem)i).Line)),
        (2, Gen.Select(Gen.OneOf(" ", "  ", "\t", "    "), AnyWord.Array[1, 5]).Select((indent, words) => indent + string.Join(' ', words ?? []))),
        (1, Gen.OneOf("-", "*", "•", "1.", "- x", "-x", "1.x", "--", "---", "***", "...", ":", "?", "#", "# ", "##", ">", "> ", "|", "```", "~~~", "<!--", "-->", "[]()", "[](x)", "![](y)", "[a](b", "]", ")")),
        (1, MdHeadingGen.Select(h => ((MdHeading)h).Line)),
        (1, MdListItem.Select(b => ((MdBlock)b).Lines[0])),
        (1, Gen.Select(Gen.OneOf(">", "> ", ">>", "> > "), InlineLine).Select((q, l) => q + l.Written)),
        (1, Gen.Select(Capital, AnyWord.Array[17, 30]).Select((w, rest) => Words(w, rest))),
        (1, Gen.Char['\u0000', '\uFFFF'].Array[1, 20].Select(cs => new string(cs ?? []))));

    /// <summary>Lines of any kind joined with any line ending, mixed within the file.</summary>
    public static readonly Gen<string> ChaosText = Gen.Select(ChaosLine.Array[0, 30], Gen.OneOf("\n", "\r\n", "\r", "\n\r", "\u2028", "\u0085", "\f").Array[30])
        .Select((lines, endings) =>
        {
            var text = new StringBuilder();
            lines ??= [];
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) text.Append(endings?[i % endings.Length] ?? "\n");
                text.Append(lines[i]);
            }
            return text.ToString();
        });

    /// <summary>Any UTF-16 text, lone surrogates and control characters included.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency(
        (2, Gen.String),
        (2, Gen.Char['\u0000', '\uFFFF'].Array[0, 200].Select(cs => new string(cs ?? []))),
        (2, Gen.Char["-*•+–1.) \t\r\n#>|`~<!-[]()aA:?"].Array[0, 200].Select(cs => new string(cs ?? []))));
}
