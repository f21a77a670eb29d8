namespace AcuBot.Options;

/// <summary>Bounds on what one request may ask of the bot; bound from the "Limits" section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Larger request bodies are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Longer messages get a polite request to ask a shorter question.</summary>
    public int MaxMessageLength { get; set; } = 1000;

    /// <summary>
    /// The longest id (conversation, user, activity) the bot accepts; longer ones are refused with 400.
    /// Conversation ids are kept (conversation state, rate limits) for up to an hour.
    /// </summary>
    public int MaxIdLength { get; set; } = 512;

    /// <summary>Activities with more attachments than this are refused with 400.</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>
    /// How long the bot tries, in all, to deliver a reply to a channel: a slow, refusing or failing
    /// serviceUrl is retried with backoff within this time, then the request answers 502.
    /// </summary>
    public TimeSpan ConnectorTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages one client address may send a minute (0: no limit). Over it: 429 with Retry-After.</summary>
    public int MessagesPerMinutePerAddress { get; set; } = 120;

    /// <summary>Messages one conversation may send a minute (0: no limit).</summary>
    public int MessagesPerMinutePerConversation { get; set; } = 30;

    /// <summary>Direct Line tokens and conversations one client address may obtain a minute (0: no limit).</summary>
    public int TokensPerMinutePerAddress { get; set; } = 20;

    /// <summary>
    /// Direct Line transcript reads (GET .../activities) one client address may make a minute (0: no
    /// limit). A polling client (botframework-directlinejs without WebSockets) reads once a second.
    /// </summary>
    public int ReadsPerMinutePerAddress { get; set; } = 300;

    /// <summary>
    /// With authentication on, refused channel tokens one client address may present a minute (0: no
    /// limit); beyond, the address gets 429 before any token of its is checked. Real channels present
    /// valid tokens, and those do not count.
    /// </summary>
    public int FailedAuthenticationsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Direct Line WebSocket streams one client address may hold open at once (0: no limit).</summary>
    public int StreamsPerAddress { get; set; } = 20;
}
