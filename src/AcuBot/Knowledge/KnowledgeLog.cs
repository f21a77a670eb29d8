namespace AcuBot.Knowledge;

/// <summary>
/// What the knowledge service logs about a reload. LoggerMessage.Define (see RedFlagStep) rather than
/// [LoggerMessage]. The values are file names, counts and loader errors, never what a patient wrote.
/// </summary>
internal static class KnowledgeLog
{
    public static readonly Action<ILogger, string, string, Exception?> HeldBack =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(2001, "KnowledgeFileHeldBack"),
            "Knowledge file {File} is held back: {Reason}");

    public static readonly Action<ILogger, string, TimeSpan, string, Exception?> Accepted =
        LoggerMessage.Define<string, TimeSpan, string>(LogLevel.Information, new EventId(2002, "KnowledgeFileAccepted"),
            "Knowledge file {File} stayed the same for {HoldBackFor} and is now used as it is: {Change}");

    public static readonly Action<ILogger, int, int, int, Exception?> Reloaded =
        LoggerMessage.Define<int, int, int>(LogLevel.Information, new EventId(2003, "KnowledgeReloaded"),
            "Reloaded the knowledge: {Documents} documents, {Passages} passages, {HeldBack} files held back");

    public static readonly Action<ILogger, int, Exception?> EmbeddingInBackground =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(2004, "PassagesEmbeddingInBackground"),
            "Embedding {Passages} passages in the background; answers use lexical search until they are done");

    public static readonly Action<ILogger, int, Exception?> EmbeddedInBackground =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(2005, "PassagesEmbeddedInBackground"),
            "Embedded {Passages} passages: answers use retrieval by meaning again");

    public static readonly Action<ILogger, string, string, string, Exception?> RedFlagsUnreadable =
        LoggerMessage.Define<string, string, string>(LogLevel.Error, new EventId(2007, "RedFlagFileUnreadable"),
            "Red-flag file {File} could not be read ({Reason}); using {Fallback}");

    public static readonly Action<ILogger, string, string, Exception?> NotAnsweredUnreadable =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(2015, "NotAnsweredFileUnreadable"),
            "File of questions the documents do not answer {File} could not be read ({Reason}); answering without it");

    public static readonly Action<ILogger, string, string, Exception?> NotAnsweredProblem =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(2016, "NotAnsweredFileProblem"),
            "File of questions the documents do not answer {File}, {Problem}");

    public static readonly Action<ILogger, string, string, Exception?> RedFlagsProblem =
        LoggerMessage.Define<string, string>(LogLevel.Warning, new EventId(2008, "RedFlagFileProblem"),
            "Red-flag file {File}, {Problem}");

    public static readonly Action<ILogger, string, string, Exception?> RedFlagsUnusable =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(2009, "RedFlagFileUnusable"),
            "Red-flag file {File} has no usable pattern; using {Fallback}");

    public static readonly Action<ILogger, string, Exception?> WatchFailed =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(2010, "KnowledgeWatchFailed"),
            "Watching the knowledge folder failed ({Reason}); reloading to be safe");

    public static readonly Action<ILogger, string, Exception?> Watching =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(2011, "KnowledgeWatching"),
            "Watching {Folder} for changes");

    public static readonly Action<ILogger, Exception?> ReloadFailed =
        LoggerMessage.Define(LogLevel.Error, new EventId(2012, "KnowledgeReloadFailed"),
            "Reloading the knowledge failed; the last good knowledge stays in use");

    public static readonly Action<ILogger, Exception?> ModelSwitchedOff =
        LoggerMessage.Define(LogLevel.Warning, new EventId(2013, "SentenceModelSwitchedOff"),
            "The sentence-embedding model is switched off: answers use lexical search and red-flag patterns only");

    public static readonly Action<ILogger, Exception?> ModelFailed =
        LoggerMessage.Define(LogLevel.Error, new EventId(2014, "SentenceModelFailed"),
            "The sentence-embedding model could not load; answering with lexical search and red-flag patterns only");

    public static readonly Action<ILogger, Exception?> EmbeddingFailed =
        LoggerMessage.Define(LogLevel.Error, new EventId(2006, "PassageEmbeddingFailed"),
            "Embedding the passages failed; answers use lexical search");
}
