namespace AcuBot.Protocol.Auth;

/// <summary>
/// Bot Framework service-to-service authentication, both ways: channel tokens the bot checks on
/// <c>/api/messages</c>, and the access token the bot sends with its replies. Everything is off until
/// <see cref="MicrosoftAppId"/> is set, as when the bot runs with the Emulator and no app id.
/// </summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string Section = "BotAuthentication";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultIssuer = "https://api.botframework.com";
    public const string DefaultTokenAuthority = "https://login.microsoftonline.com/botframework.com";
    public const string DefaultTokenScope = "https://api.botframework.com/.default";

    /// <summary>The bot's app id from its Azure Bot registration: the audience of channel tokens and the client id of outgoing ones. Empty turns authentication off.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The app's client secret, used to get outgoing access tokens. Never logged.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>For a single-tenant bot: its tenant, which then replaces <c>botframework.com</c> in the default token authority.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the channel's signing keys are published (an OpenID Connect metadata document naming a JWKS).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>Issuers accepted on channel tokens. Empty means <see cref="DefaultIssuer"/>.</summary>
    /// <remarks>No default items here: the configuration binder appends to a list, it does not replace it.</remarks>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>The authority outgoing tokens are requested from. Empty means <see cref="DefaultTokenAuthority"/>, or the tenant's authority when <see cref="MicrosoftAppTenantId"/> is set.</summary>
    public string? TokenAuthority { get; set; }

    /// <summary>The scope of outgoing tokens: the Bot Connector service.</summary>
    public string TokenScope { get; set; } = DefaultTokenScope;

    /// <summary>
    /// Whether the metadata document and keys must come over HTTPS. Only a loopback metadata address
    /// (a test's own server) may turn this off; see <see cref="BotAuthenticationOptionsValidator"/>.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How far the token's lifetime may be off the bot's clock; the Bot Framework spec says 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True when an app id is configured, and so every request must carry a valid channel token.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public IReadOnlyList<string> EffectiveValidIssuers =>
        ValidIssuers.Count > 0 ? ValidIssuers : [DefaultIssuer];

    public string EffectiveTokenAuthority =>
        !string.IsNullOrWhiteSpace(TokenAuthority) ? TokenAuthority
        : !string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? $"https://login.microsoftonline.com/{Uri.EscapeDataString(MicrosoftAppTenantId.Trim())}"
        : DefaultTokenAuthority;
}
