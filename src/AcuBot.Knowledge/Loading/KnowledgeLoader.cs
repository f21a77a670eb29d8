using System.Security.Cryptography;
using System.Text;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Parsing;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.Logging;

namespace AcuBot.Knowledge.Loading;

/// <summary>
/// Reads the knowledge folder into a <see cref="KnowledgeBase"/>: articles (<c>*.md</c>, <c>*.txt</c>),
/// curated Q&amp;A (<c>*.faq.md</c>), questions for the articles' passages (<c>*.questions.txt</c>) and the
/// synonym file. A file that cannot be read or parsed is logged with its name and skipped, so one broken
/// file never keeps the bot from starting.
/// </summary>
public sealed class KnowledgeLoader(KnowledgeSourceOptions options, PassageAnalyzer analyzer, ILogger<KnowledgeLoader> logger)
{
    private const string CuratedSuffix = ".faq.md";

    // EventIds 2101-2199: the knowledge library's own entries (the host's KnowledgeLog has 2001-2099).
    private static readonly Action<ILogger, string, Exception?> LogNoFolder = LoggerMessage.Define<string>(LogLevel.Warning,
        new EventId(2101, "KnowledgeFolderMissing"), "Knowledge folder {Folder} does not exist; starting with no documents");

    private static readonly Action<ILogger, int, int, int, int, Exception?> LogLoaded = LoggerMessage.Define<int, int, int, int>(LogLevel.Information,
        new EventId(2102, "KnowledgeFilesLoaded"), "Loaded {Documents} knowledge files: {Sections} sections, {Passages} passages, {Synonyms} synonym terms");

    private static readonly Action<ILogger, string, int, Exception?> LogUnclosedComment = LoggerMessage.Define<string, int>(LogLevel.Warning,
        new EventId(2103, "KnowledgeUnclosedComment"),
        "Knowledge file {File}: the HTML comment opened on line {Line} is never closed (no \"-->\"), so the rest of the file is ignored");

    private static readonly Action<ILogger, string, string, Exception?> LogFileSkipped = LoggerMessage.Define<string, string>(LogLevel.Error,
        new EventId(2104, "KnowledgeFileSkipped"), "Skipped knowledge file {File}: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> LogSynonymProblem = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(2105, "SynonymFileProblem"), "Synonym file {File}, {Problem}");

    private static readonly Action<ILogger, string, string, Exception?> LogSynonymsSkipped = LoggerMessage.Define<string, string>(LogLevel.Error,
        new EventId(2106, "SynonymFileSkipped"), "Skipped synonym file {File}: {Reason}");

    private static readonly Action<ILogger, string, string, Exception?> LogQuestionsProblem = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(2107, "QuestionFileProblem"), "Question file {File}, {Problem}");

    private static readonly Action<ILogger, string, int, Exception?> LogQuestionsUnmatched = LoggerMessage.Define<string, int>(LogLevel.Warning,
        new EventId(2108, "QuestionsForNoPassage"),
        "Question file {File}, line {Line}: no passage of the articles has that section title and start, so its questions are not used");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly PlainTextParser _plainText = new();
    private readonly MarkdownParser _markdown = new();
    private readonly CuratedFaqParser _curated = new();
    private readonly PassageQuestionsParser _questions = new();

    public KnowledgeBase Load()
    {
        var folder = ReadFolder();
        return Assemble(folder.Files.Where(f => f.Content is not null).Select(f => (f.Name, f.Content!)), folder.Synonyms,
            folder.Files.Where(f => f.Problem is not null).ToDictionary(f => f.Name, f => f.Problem!));
    }

    /// <summary>Reads and parses every file of the folder, without putting them together: a reload decides per file what to use.</summary>
    public FolderContents ReadFolder()
    {
        var folder = Path.GetFullPath(options.Folder);
        if (!Directory.Exists(folder))
        {
            LogNoFolder(logger, folder, null);
            return new FolderContents([], SynonymMap.Empty);
        }
        var files = DocumentFiles(folder).Select(path => ReadDocument(folder, path)).ToArray();
        return new FolderContents(files, LoadSynonyms(folder));
    }

    /// <summary>Puts documents together into the knowledge the bot answers from, in the order given.</summary>
    /// <param name="skipped">Files that could not be loaded, with the reason.</param>
    public KnowledgeBase Assemble(IEnumerable<(string Name, DocumentContent Content)> documents, SynonymMap synonyms,
        IReadOnlyDictionary<string, string> skipped)
    {
        var contents = documents.ToArray();
        // Questions name their passage by section and first words, so they are gathered before any
        // passage is made, whichever file comes first.
        var questions = contents.SelectMany(d => d.Content.Questions.Select(q => (d.Name, Block: q))).ToArray();
        var builder = new KnowledgeBuilder(questions.Select(q => q.Block));
        var loaded = new List<string>();
        foreach (var (name, content) in contents)
        {
            builder.Add(name, content);
            loaded.Add(name);
        }
        foreach (var (name, block) in questions.Where(q => !builder.Used(q.Block)))
            LogQuestionsUnmatched(logger, name, block.Line, null);
        var knowledge = new KnowledgeBase(builder.Sections, synonyms, loaded, skipped)
        {
            UnmatchedQuestions = questions.Where(q => !builder.Used(q.Block)).Select(q => new UnmatchedQuestions(q.Name, q.Block)).ToArray(),
        };
        LogLoaded(logger, loaded.Count, knowledge.Sections.Count, knowledge.Passages.Count, knowledge.Synonyms.Count, null);
        return knowledge;
    }

    private DocumentFile ReadDocument(string folder, string path)
    {
        var name = Path.GetRelativePath(folder, path);
        try
        {
            var bytes = ReadBytes(path);
            var text = Decode(bytes);
            var content = name.EndsWith(CuratedSuffix, StringComparison.OrdinalIgnoreCase)
                ? new DocumentContent([], _curated.Parse(text), bytes.Length)
                : name.EndsWith(PassageQuestionsParser.FileSuffix, StringComparison.OrdinalIgnoreCase)
                    ? QuestionFile(name, text, bytes.Length)
                    : new DocumentContent(ParserFor(path).Parse(text, TitleFromFileName(path)), [], bytes.Length);
            if (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && MarkdownParser.UnclosedCommentLine(text) is { } line)
                LogUnclosedComment(logger, name, line, null);
            return new DocumentFile(name, Convert.ToHexString(SHA256.HashData(bytes)), content, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DecoderFallbackException)
        {
            var reason = Reason(ex);
            LogFileSkipped(logger, name, reason, null);
            return new DocumentFile(name, UnreadableFingerprint(path, ex), null, reason);
        }
    }

    private DocumentContent QuestionFile(string name, string text, long bytes)
    {
        var blocks = _questions.Parse(text, out var problems);
        foreach (var problem in problems) LogQuestionsProblem(logger, name, problem, null);
        return new DocumentContent([], [], bytes) { Questions = blocks };
    }

    /// <summary>Why a file could not be used, in words a clinic reads (not .NET's decoder's "Unable to translate bytes [9F]...").</summary>
    public static string Reason(Exception ex) => ex is DecoderFallbackException
        ? "not UTF-8 text (save it as UTF-8 in the editor)"
        : ex.Message;

    /// <summary>A file that cannot be read has no content to hash: its size, time and error stand for it.</summary>
    private static string UnreadableFingerprint(string path, Exception ex)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"unreadable {file.Length} {file.LastWriteTimeUtc.Ticks} {ex.Message}" : $"unreadable {ex.Message}";
    }

    private IEnumerable<string> DocumentFiles(string folder)
    {
        var excluded = new[] { options.SynonymsFile, options.RedFlagsFile, options.NotAnsweredFile }
            .Select(f => Path.GetFullPath(Path.Combine(folder, f)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Hidden and system entries and links are skipped (a link loop would load files again and again),
        // and so are folders that cannot be read, rather than failing the whole load.
        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        };
        return Directory.EnumerateFiles(folder, "*", enumeration)
            .Where(p => p.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Where(p => !excluded.Contains(p) && !Path.GetRelativePath(folder, p).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal); // stable ids from run to run
    }

    private IDocumentParser ParserFor(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? _markdown : _plainText;

    private string ReadText(string path) => Decode(ReadBytes(path));

    private byte[] ReadBytes(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > options.MaxFileBytes)
            throw new InvalidDataException($"file is {length} bytes, over the limit of {options.MaxFileBytes}");
        return File.ReadAllBytes(path);
    }

    private static string Decode(byte[] bytes)
    {
        // Clinics save files from many editors: accept UTF-8 (with or without BOM) and UTF-16 with a BOM.
        string text;
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            text = new StreamReader(new MemoryStream(bytes), Encoding.Unicode, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        else
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        if (text.Contains('\0'))
            throw new InvalidDataException("file is binary, not text");
        return text;
    }

    private SynonymMap LoadSynonyms(string folder)
    {
        var path = Path.Combine(folder, options.SynonymsFile);
        if (!File.Exists(path)) return SynonymMap.Empty;
        try
        {
            var map = SynonymMap.Parse(ReadText(path), analyzer, out var problems);
            foreach (var problem in problems)
                LogSynonymProblem(logger, options.SynonymsFile, problem, null);
            return map;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DecoderFallbackException)
        {
            LogSynonymsSkipped(logger, options.SynonymsFile, Reason(ex), null);
            return SynonymMap.Empty;
        }
    }

    /// <summary>"back-pain_faq.txt" becomes "Back pain faq": the title of text that precedes any heading.</summary>
    private static string TitleFromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).Replace('-', ' ').Replace('_', ' ').Trim();
        return name.Length == 0 ? "Document" : char.ToUpperInvariant(name[0]) + name[1..];
    }
}
