namespace AcuBot.Options;

/// <summary>Bounds on what one request may ask of the bot; bound from the "Limits" section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Larger request bodies are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Longer messages get a polite request to ask a shorter question.</summary>
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>Activities with more attachments than this are refused with 400.</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>How long the bot waits for the channel to accept a reply.</summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
