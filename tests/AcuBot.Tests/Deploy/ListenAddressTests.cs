using AcuBot.Extensions;
using Microsoft.Extensions.Configuration;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// The ASP.NET Core conventions choose the address; the bot's own default applies only when none does.
/// (The published bot started with ASPNETCORE_HTTP_PORTS, which binds every interface: PublishedBotTests.)
/// </summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:3978")]
    [InlineData("HTTP_PORTS", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5000")]
    public void An_address_from_the_conventions_is_kept(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();

        Assert.True(ListenAddress.IsConfigured(configuration));
    }

    [Fact]
    public void With_no_address_the_default_applies()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Clinic:Name", "x"), new("urls", "")]).Build();

        Assert.False(ListenAddress.IsConfigured(configuration));
    }

    [Fact]
    public void A_content_root_chosen_on_the_command_line_is_left_to_the_host()
    {
        Assert.Null(SettingsLocation.ContentRoot(["--contentRoot", "/srv/acubot"]));
        Assert.Null(SettingsLocation.ContentRoot(["--contentRoot=/srv/acubot"]));
        Assert.Equal(SettingsLocation.ContentRoot(), SettingsLocation.ContentRoot(["--urls", "http://localhost:1"]));
    }
}
