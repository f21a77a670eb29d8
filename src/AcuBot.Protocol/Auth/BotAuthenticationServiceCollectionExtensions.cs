using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace AcuBot.Protocol.Auth;

/// <summary>Registers Bot Framework authentication: the channel token validator, the access-token provider and the connector's auth handler.</summary>
public static class BotAuthenticationServiceCollectionExtensions
{
    /// <summary>The HttpClient the OpenID metadata and signing keys are fetched with.</summary>
    public const string MetadataClientName = "AcuBot.BotAuthentication.Metadata";

    /// <summary>How long a fetch of the metadata, the keys or a token may take.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Binds <see cref="BotAuthenticationOptions"/> from <paramref name="configuration"/> (usually the
    /// "BotAuthentication" section), checks them at start-up, and registers
    /// <see cref="ChannelTokenValidator"/>, <see cref="IBotAccessTokenProvider"/> and
    /// <see cref="ConnectorAuthenticationHandler"/>. With no MicrosoftAppId everything stays off.
    /// </summary>
    public static IServiceCollection AddBotFrameworkAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());

        services.AddHttpClient(MetadataClientName, http => http.Timeout = FetchTimeout);
        services.AddHttpClient(HttpClientFactoryForMsal.ClientName, http => http.Timeout = FetchTimeout);

        // Singletons: the validator caches the signing keys, MSAL caches the access token.
        services.TryAddSingleton(sp => new ChannelTokenValidator(
            Options(sp), sp.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataClientName),
            sp.GetService<ILoggerFactory>()?.CreateLogger<OpenIdSigningKeySource>()));
        services.TryAddSingleton<IMsalHttpClientFactory>(sp => new HttpClientFactoryForMsal(sp.GetRequiredService<IHttpClientFactory>()));
        services.TryAddSingleton<IBotAccessTokenProvider>(sp => new MsalBotAccessTokenProvider(Options(sp), sp.GetRequiredService<IMsalHttpClientFactory>()));
        services.TryAddTransient(sp => new ConnectorAuthenticationHandler(sp.GetRequiredService<IBotAccessTokenProvider>(), Options(sp)));
        return services;
    }

    /// <summary>Sends the bot's access token with every request of this client (the connector client's).</summary>
    public static IHttpClientBuilder AddBotConnectorAuthentication(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler<ConnectorAuthenticationHandler>();

    private static BotAuthenticationOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
}
