namespace AcuBot.DirectLine;

/// <summary>The self-hosted Direct Line 3.0 channel (Web Chat); bound from the "DirectLine" section.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The secret that mints tokens (as a Direct Line secret does). Keep it out of the repository: set
    /// it with the environment variable <c>DirectLine__Secret</c>. When empty, a random secret is made at
    /// start-up, so tokens do not outlive the process; with <c>ConnectionStrings:Redis</c> it is required (the
    /// same on every instance, which must accept each other's tokens).
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>How long a token is valid; clients refresh it before then.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An empty message is sent on an idle stream this often, so proxies keep it open.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A conversation with no activity for this long is forgotten.</summary>
    public TimeSpan ConversationTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Only the latest activities of a conversation are kept (and replayed after a reconnect).</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>
    /// The most a conversation's kept activities may take, serialized (the oldest go first). About thirty
    /// questions and answers; only a reconnect after a long absence replays further back than that.
    /// </summary>
    public long MaxTranscriptBytes { get; set; } = 128 * 1024;

    /// <summary>
    /// The most all Direct Line conversations together may take (activities, and 1 KB for each
    /// conversation); beyond it the least recently active conversations are forgotten. 0: no limit. In
    /// process memory only: in Redis, its own maxmemory bounds them.
    /// </summary>
    public long MaxStoredBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The address clients reach the bot at, when it differs from what the request shows (behind a
    /// TLS-terminating proxy): e.g. https://bot.example. Used for the stream URL.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}
