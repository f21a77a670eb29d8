namespace AcuBot.Bot;

/// <summary>What kind of reply the turn produced; carried to clients in channelData and read by <c>eval</c>.</summary>
public enum ReplyKind
{
    Answer,
    Fallback,
    Urgent,
    SmallTalk,
    Welcome,
    NoKnowledge,
    InputProblem,
    /// <summary>The turn failed: an apology with how to reach the clinic (TurnFailureReply).</summary>
    TurnFailed,
}

/// <summary>
/// A reply as the turn decides it: what to say and what to offer next. The <see cref="ReplyFinisher"/>
/// turns it into an Activity (disclaimer, buttons, addressing); the turn never builds Activities itself.
/// </summary>
public sealed record BotReply(ReplyKind Kind, string Text)
{
    /// <summary>For answers: the section the passage came from.</summary>
    public string? SectionTitle { get; init; }
    public string? SourceFile { get; init; }
    public double? Confidence { get; init; }

    /// <summary>For urgent replies: the red-flag rule that matched (its description), counted on the clinic's insights page.</summary>
    public string? RedFlagRule { get; init; }

    /// <summary>Follow-up questions offered as buttons.</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];
}
