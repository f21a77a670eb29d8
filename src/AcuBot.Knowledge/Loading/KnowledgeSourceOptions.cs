namespace AcuBot.Knowledge.Loading;

/// <summary>Where the clinic's documents are and which files in that folder are settings, not articles.</summary>
public sealed class KnowledgeSourceOptions
{
    /// <summary>Folder searched (recursively) for <c>*.md</c> and <c>*.txt</c> documents.</summary>
    public string Folder { get; set; } = "knowledge";

    /// <summary>File of synonym groups, relative to <see cref="Folder"/>. Not indexed as a document.</summary>
    public string SynonymsFile { get; set; } = "synonyms.txt";

    /// <summary>File of red-flag symptom patterns, relative to <see cref="Folder"/>. Not indexed as a document.</summary>
    public string RedFlagsFile { get; set; } = "red-flags.txt";

    /// <summary>
    /// File of questions the documents do not answer, relative to <see cref="Folder"/>: with the sentence
    /// model, a question nearer one of them than to any passage gets the honest "I don't know". Not indexed
    /// as a document; a missing file means no examples.
    /// </summary>
    public string NotAnsweredFile { get; set; } = "not-answered.txt";

    /// <summary>Whether the running bot reloads the knowledge when files in the folder change.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long the folder must be quiet after a change before the knowledge is reloaded.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a file that vanished, emptied or lost more than half of itself must stay exactly so before
    /// the bot accepts it; until then it answers from the file's last good version (a save or copy may be
    /// under way). Zero accepts such changes at once.
    /// </summary>
    public TimeSpan HoldBackFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Files larger than this are skipped (and logged) rather than indexed.</summary>
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}
