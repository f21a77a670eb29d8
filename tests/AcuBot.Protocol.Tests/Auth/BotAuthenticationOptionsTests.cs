using AcuBot.Protocol.Auth;

namespace AcuBot.Protocol.Tests.Auth;

public class BotAuthenticationOptionsTests
{
    private static BotAuthenticationOptions Enabled(Action<BotAuthenticationOptions>? change = null)
    {
        var options = new BotAuthenticationOptions { MicrosoftAppId = TokenDefaults.AppId, MicrosoftAppPassword = "pw" };
        change?.Invoke(options);
        return options;
    }

    [Fact]
    public void Authentication_is_off_without_an_app_id_and_then_nothing_is_checked()
    {
        var options = new BotAuthenticationOptions { OpenIdMetadataUrl = "not a url", RequireHttpsMetadata = false };

        Assert.False(options.IsEnabled);
        Assert.Empty(BotAuthenticationOptionsValidator.Problems(options));
    }

    [Fact]
    public void The_defaults_are_the_Bot_Framework_public_cloud()
    {
        var options = Enabled();

        Assert.Empty(BotAuthenticationOptionsValidator.Problems(options));
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal(["https://api.botframework.com"], options.EffectiveValidIssuers);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", options.EffectiveTokenAuthority);
        Assert.Equal("https://api.botframework.com/.default", options.TokenScope);
        Assert.Equal(TimeSpan.FromMinutes(5), options.ClockSkew);
        Assert.True(options.RequireHttpsMetadata);
    }

    [Fact]
    public void A_single_tenant_bot_gets_its_tenants_authority_unless_one_is_given()
    {
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com",
            Enabled(o => o.MicrosoftAppTenantId = "contoso.onmicrosoft.com").EffectiveTokenAuthority);
        Assert.Equal("https://login.example/tenant",
            Enabled(o => { o.MicrosoftAppTenantId = "contoso"; o.TokenAuthority = "https://login.example/tenant"; }).EffectiveTokenAuthority);
    }

    [Theory]
    [InlineData("no password")]
    [InlineData("http metadata")]
    [InlineData("https off for a remote host")]
    [InlineData("http authority")]
    [InlineData("negative skew")]
    [InlineData("huge skew")]
    [InlineData("empty scope")]
    public void Weak_or_broken_settings_are_refused(string what)
    {
        var options = Enabled(o =>
        {
            switch (what)
            {
                case "no password": o.MicrosoftAppPassword = " "; break;
                case "http metadata": o.OpenIdMetadataUrl = "http://login.botframework.com/v1/.well-known/openidconfiguration"; break;
                case "https off for a remote host": o.RequireHttpsMetadata = false; break;
                case "http authority": o.TokenAuthority = "http://login.microsoftonline.com/botframework.com"; break;
                case "negative skew": o.ClockSkew = TimeSpan.FromSeconds(-1); break;
                case "huge skew": o.ClockSkew = TimeSpan.FromHours(1); break;
                case "empty scope": o.TokenScope = ""; break;
            }
        });

        Assert.NotEmpty(BotAuthenticationOptionsValidator.Problems(options));
    }

    [Fact]
    public void Https_may_be_turned_off_for_a_loopback_metadata_address()
    {
        var options = Enabled(o => { o.OpenIdMetadataUrl = "http://127.0.0.1:1234/v1/.well-known/openidconfiguration"; o.RequireHttpsMetadata = false; });

        Assert.Empty(BotAuthenticationOptionsValidator.Problems(options));
    }
}
