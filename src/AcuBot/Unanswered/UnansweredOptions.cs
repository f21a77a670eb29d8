namespace AcuBot.Unanswered;

/// <summary>Bound from the "Unanswered" section.</summary>
public sealed class UnansweredOptions
{
    public const string Section = "Unanswered";

    public bool Enabled { get; set; } = true;

    /// <summary>The SQLite file, relative to the folder of appsettings.json.</summary>
    public string DatabasePath { get; set; } = "data/unanswered.db";

    /// <summary>Questions are cut to this length before they are stored.</summary>
    public int MaxQuestionLength { get; set; } = 500;

    /// <summary>Questions older than this many days are deleted (checked at start and every hour). 0: kept until purged.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>At most this many questions are kept; the oldest go first. 0: no cap.</summary>
    public int MaxRecords { get; set; } = 50_000;
}
