using Microsoft.Extensions.Options;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// Refuses, at start-up, settings that would leave authentication half-working or weaker than it looks:
/// an app id with no password, keys fetched over plain HTTP from anywhere but loopback, a token
/// authority that is not HTTPS. Nothing is checked while authentication is off.
/// </summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(BotAuthenticationOptions options)
    {
        if (!options.IsEnabled) yield break;

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            yield return "BotAuthentication: MicrosoftAppPassword is required when MicrosoftAppId is set (replies need an access token).";

        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out var metadata) ||
            (metadata.Scheme != Uri.UriSchemeHttps && metadata.Scheme != Uri.UriSchemeHttp))
            yield return "BotAuthentication: OpenIdMetadataUrl must be an absolute http(s) URL.";
        else if (!options.RequireHttpsMetadata && !metadata.IsLoopback)
            // Keys fetched over plain HTTP could be swapped by anyone on the path, and then any token passes.
            yield return "BotAuthentication: RequireHttpsMetadata may be turned off only for a loopback OpenIdMetadataUrl.";
        else if (options.RequireHttpsMetadata && metadata.Scheme != Uri.UriSchemeHttps)
            yield return "BotAuthentication: OpenIdMetadataUrl must be HTTPS.";

        if (!Uri.TryCreate(options.EffectiveTokenAuthority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
            yield return "BotAuthentication: TokenAuthority must be an absolute HTTPS URL.";

        if (string.IsNullOrWhiteSpace(options.TokenScope))
            yield return "BotAuthentication: TokenScope must not be empty.";

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
            yield return "BotAuthentication: ClockSkew must be between 0 and 10 minutes.";

        if (options.EffectiveValidIssuers.Any(string.IsNullOrWhiteSpace))
            yield return "BotAuthentication: ValidIssuers must not contain empty entries.";
    }
}
