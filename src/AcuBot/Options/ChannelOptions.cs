namespace AcuBot.Options;

/// <summary>Which channels the bot trusts; bound from the "Channels" section.</summary>
public sealed class ChannelOptions
{
    public const string Section = "Channels";

    /// <summary>
    /// Hosts the bot may POST replies to (the activity's serviceUrl). "loopback" means 127.0.0.0/8 and
    /// [::1], where the Bot Framework Emulator listens. Anything else is refused, so a request cannot
    /// make the bot call an arbitrary address. Empty means loopback only.
    /// </summary>
    /// <remarks>No default items here: the configuration binder appends to a list, it does not replace it.</remarks>
    public List<string> AllowedServiceUrlHosts { get; set; } = [];

    /// <summary>
    /// Whether <c>/api/messages</c> (the Emulator, Azure Bot Service) is served at all. Turn it off when
    /// the bot is used through Web Chat only: then nothing can ask it to POST to a serviceUrl.
    /// </summary>
    public bool EnableMessagesEndpoint { get; set; } = true;

    /// <summary>
    /// Without <c>BotAuthentication:MicrosoftAppId</c> nothing vouches for a caller of <c>/api/messages</c>,
    /// and a caller picks the serviceUrl the bot POSTs to; so by default only callers on this machine (the
    /// Emulator) are answered, others get 403. True lets anyone who reaches the endpoint use it.
    /// </summary>
    public bool AllowUnauthenticatedRemoteCallers { get; set; }

    public IReadOnlyCollection<string> EffectiveServiceUrlHosts =>
        AllowedServiceUrlHosts.Count > 0 ? AllowedServiceUrlHosts : ["loopback"];
}
