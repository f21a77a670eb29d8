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
}
