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

    [Theory]
    [InlineData("no password", "BotAuthentication: MicrosoftAppPassword is required when MicrosoftAppId is set (replies need an access token).")]
    [InlineData("not a url", "BotAuthentication: OpenIdMetadataUrl must be an absolute http(s) URL.")]
    [InlineData("ftp metadata", "BotAuthentication: OpenIdMetadataUrl must be an absolute http(s) URL.")]
    [InlineData("https off for a remote host", "BotAuthentication: RequireHttpsMetadata may be turned off only for a loopback OpenIdMetadataUrl.")]
    [InlineData("http metadata", "BotAuthentication: OpenIdMetadataUrl must be HTTPS.")]
    [InlineData("http authority", "BotAuthentication: TokenAuthority must be an absolute HTTPS URL.")]
    [InlineData("empty scope", "BotAuthentication: TokenScope must not be empty.")]
    [InlineData("negative skew", "BotAuthentication: ClockSkew must be between 0 and 10 minutes.")]
    [InlineData("skew over ten minutes", "BotAuthentication: ClockSkew must be between 0 and 10 minutes.")]
    [InlineData("an empty issuer among good ones", "BotAuthentication: ValidIssuers must not contain empty entries.")]
    public void Each_weak_or_broken_setting_is_named_in_the_start_up_error(string what, string problem)
    {
        var options = Enabled(o =>
        {
            switch (what)
            {
                case "no password": o.MicrosoftAppPassword = ""; break;
                case "not a url": o.OpenIdMetadataUrl = "not a url"; break;
                case "ftp metadata": o.OpenIdMetadataUrl = "ftp://login.botframework.com/v1/.well-known/openidconfiguration"; break;
                case "https off for a remote host": o.RequireHttpsMetadata = false; break;
                case "http metadata": o.OpenIdMetadataUrl = "http://login.botframework.com/v1/.well-known/openidconfiguration"; break;
                case "http authority": o.TokenAuthority = "http://login.microsoftonline.com/botframework.com"; break;
                case "empty scope": o.TokenScope = " "; break;
                case "negative skew": o.ClockSkew = -TimeSpan.FromTicks(1); break;
                case "skew over ten minutes": o.ClockSkew = TimeSpan.FromMinutes(10) + TimeSpan.FromTicks(1); break;
                case "an empty issuer among good ones": o.ValidIssuers = ["https://api.botframework.com", " "]; break;
            }
        });

        Assert.Equal([problem], BotAuthenticationOptionsValidator.Problems(options));
        var result = new BotAuthenticationOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal([problem], result.Failures);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_clock_skew_of_zero_or_of_ten_minutes_is_allowed(int minutes)
    {
        var options = Enabled(o => o.ClockSkew = TimeSpan.FromMinutes(minutes));

        Assert.Empty(BotAuthenticationOptionsValidator.Problems(options));
        Assert.True(new BotAuthenticationOptionsValidator().Validate(null, options).Succeeded);
    }
}
