namespace AcuBot.Unanswered;

/// <summary>
/// The log entries of the unanswered-question stores (SQLite and PostgreSQL alike), EventIds 5001-5007
/// (the ranges are listed in Telemetry/AcuBotTelemetry.cs). None carries a patient's question.
/// </summary>
internal static class UnansweredLogMessages
{
    public static readonly Action<ILogger, Exception?> ClosedBeforeWritten =
        LoggerMessage.Define(LogLevel.Warning, new EventId(5001, nameof(ClosedBeforeWritten)),
            "Unanswered-question log closed before all records were written");

    public static readonly Action<ILogger, long, Exception?> Dropped =
        LoggerMessage.Define<long>(LogLevel.Warning, new EventId(5002, nameof(Dropped)),
            "Unanswered-question log dropped {Dropped} records while its queue was full");

    public static readonly Action<ILogger, string, Exception?> CouldNotRecord =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5003, nameof(CouldNotRecord)),
            "Could not record unanswered questions: {Reason}");

    public static readonly Action<ILogger, int, int, Exception?> DeletedExpired =
        LoggerMessage.Define<int, int>(LogLevel.Information, new EventId(5004, nameof(DeletedExpired)),
            "Deleted {Count} unanswered questions older than {Days} days");

    public static readonly Action<ILogger, string, Exception?> CouldNotDeleteExpired =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5005, nameof(CouldNotDeleteExpired)),
            "Could not delete expired unanswered questions: {Reason}");

    public static readonly Action<ILogger, string, Exception?> CouldNotWriteInsights =
        LoggerMessage.Define<string>(LogLevel.Error, new EventId(5006, nameof(CouldNotWriteInsights)),
            "Could not write the clinic's insight counts to PostgreSQL: {Reason}");

    public static readonly Action<ILogger, int, int, Exception?> SchemaMigrated =
        LoggerMessage.Define<int, int>(LogLevel.Information, new EventId(5007, nameof(SchemaMigrated)),
            "PostgreSQL schema brought to version {Version} ({Applied} migrations)");
}
