namespace AcuBot.Clinic;

/// <summary>The clinic's insights page (<c>/clinic</c>); bound from the "Clinic" section beside the clinic's details.</summary>
public sealed class InsightsOptions
{
    /// <summary>
    /// The key staff type to open <c>/clinic</c>. Empty (the default): the page is off and answers 404.
    /// Set it in the environment (<c>Clinic__InsightsKey</c>) or a secret store, never in appsettings.json.
    /// </summary>
    public string InsightsKey { get; set; } = "";

    /// <summary>How many days the page shows.</summary>
    public int InsightsDays { get; set; } = 30;

    /// <summary>A shorter key is refused (the page stays off): it could be guessed.</summary>
    public const int MinKeyLength = 16;

    public bool IsEnabled => InsightsKey.Length >= MinKeyLength;
}
