using AcuBot.Protocol.Auth;
using AcuBot.Protocol.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AcuBot.Protocol.Tests.Auth;

public class BotAuthenticationRegistrationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddBotFrameworkAuthentication(configuration.GetSection(BotAuthenticationOptions.Section));
        services.AddSingleton(new ServiceUrlPolicy([ServiceUrlPolicy.Loopback]));
        services.AddHttpClient<ConnectorClient>().AddBotConnectorAuthentication();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Settings_are_bound_from_the_section_and_the_services_resolve()
    {
        using var services = Services(new()
        {
            ["BotAuthentication:MicrosoftAppId"] = TokenDefaults.AppId,
            ["BotAuthentication:MicrosoftAppPassword"] = "pw",
            ["BotAuthentication:ValidIssuers:0"] = "https://issuer.example",
            ["BotAuthentication:ClockSkew"] = "00:02:00",
        });

        var options = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        Assert.Equal(TokenDefaults.AppId, options.MicrosoftAppId);
        Assert.Equal(["https://issuer.example"], options.EffectiveValidIssuers);   // replaces the default, not added to it
        Assert.Equal(TimeSpan.FromMinutes(2), options.ClockSkew);
        Assert.True(services.GetRequiredService<ChannelTokenValidator>().IsEnabled);
        Assert.IsType<MsalBotAccessTokenProvider>(services.GetRequiredService<IBotAccessTokenProvider>());
        Assert.Same(services.GetRequiredService<ChannelTokenValidator>(), services.GetRequiredService<ChannelTokenValidator>());
        Assert.NotNull(services.GetRequiredService<ConnectorClient>());
    }

    [Fact]
    public void With_no_app_id_everything_resolves_and_authentication_is_off()
    {
        using var services = Services([]);

        Assert.False(services.GetRequiredService<ChannelTokenValidator>().IsEnabled);
        Assert.NotNull(services.GetRequiredService<ConnectorClient>());
    }

    [Fact]
    public void An_app_id_without_a_password_is_refused_when_the_options_are_read()
    {
        using var services = Services(new() { ["BotAuthentication:MicrosoftAppId"] = TokenDefaults.AppId });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);
        Assert.Contains("MicrosoftAppPassword", error.Message);
    }

    [Fact]
    public void The_keys_and_the_token_are_fetched_with_a_ten_second_timeout()
    {
        using var services = Services(new() { ["BotAuthentication:MicrosoftAppId"] = TokenDefaults.AppId, ["BotAuthentication:MicrosoftAppPassword"] = "pw" });
        var clients = services.GetRequiredService<IHttpClientFactory>();

        Assert.Equal(TimeSpan.FromSeconds(10), BotAuthenticationServiceCollectionExtensions.FetchTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), clients.CreateClient(BotAuthenticationServiceCollectionExtensions.MetadataClientName).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), clients.CreateClient(HttpClientFactoryForMsal.ClientName).Timeout);
    }
}
