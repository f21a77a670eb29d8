using Microsoft.Identity.Client;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// Gets the bot's access token with the OAuth 2.0 client-credentials grant (app id + password) through
/// MSAL. MSAL keeps the token in its in-memory app cache and asks for a new one only when it is near
/// expiry, so one instance must live as long as the bot (register it as a singleton).
/// </summary>
public sealed class MsalBotAccessTokenProvider : IBotAccessTokenProvider
{
    private readonly Lazy<IConfidentialClientApplication> application;
    private readonly string[] scopes;

    /// <param name="httpClientFactory">The HTTP clients MSAL talks to the authority with.</param>
    public MsalBotAccessTokenProvider(BotAuthenticationOptions options, IMsalHttpClientFactory httpClientFactory)
    {
        scopes = [options.TokenScope];
        // Built on first use, so constructing this while authentication is off needs no credentials.
        application = new Lazy<IConfidentialClientApplication>(() =>
        {
            if (!options.IsEnabled || string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                throw new InvalidOperationException("No access token can be had: MicrosoftAppId and MicrosoftAppPassword must both be set.");
            return ConfidentialClientApplicationBuilder.Create(options.MicrosoftAppId)
                .WithClientSecret(options.MicrosoftAppPassword)
                .WithAuthority(options.EffectiveTokenAuthority)
                // The authority is the operator's own setting, not user input, so there is nothing for
                // instance discovery to validate; without it MSAL never calls out beyond the authority.
                .WithInstanceDiscovery(false)
                .WithHttpClientFactory(httpClientFactory)
                .Build();
        });
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var result = await application.Value.AcquireTokenForClient(scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
