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

    public IReadOnlyCollection<string> EffectiveServiceUrlHosts =>
        AllowedServiceUrlHosts.Count > 0 ? AllowedServiceUrlHosts : ["loopback"];
}
