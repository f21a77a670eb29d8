namespace AcuBot.Bot.Turn;

/// <summary>Which steps of the turn run; bound from the "Turn" section. For measuring, not for clinics.</summary>
public sealed class TurnOptions
{
    public const string Section = "Turn";

    /// <summary>
    /// Steps switched off by name (<c>eval</c>'s ablations). The input check, the red-flag step and the
    /// fallback cannot be switched off: without them the bot would be unsafe or silent.
    /// </summary>
    public List<string> DisabledSteps { get; set; } = [];
}
