using AcuBot.Extensions;
using Microsoft.Extensions.Configuration;

namespace AcuBot.Tests.Deploy;

/// <summary>The ASP.NET Core conventions choose the address; the bot's own default applies only when none does.</summary>
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
    public async Task ASPNETCORE_HTTP_PORTS_is_not_overridden_by_the_default()
    {
        // As the host reads it: the ASPNETCORE_ prefix taken off. Port 0: any free one, on every interface.
        var app = AcuBotHost.Build(["--http_ports=0", $"--Knowledge:Folder={Support.RepoPaths.Knowledge}", "--Unanswered:Enabled=false",
            "--Embeddings:Enabled=false"]);
        await using (app)
        {
            await app.StartAsync();
            var address = Assert.Single(app.Urls);
            Assert.DoesNotContain("localhost:3978", address);
            Assert.DoesNotContain("127.0.0.1", address);
            await app.StopAsync();
        }
    }

    [Fact]
    public void A_content_root_chosen_on_the_command_line_is_left_to_the_host()
    {
        Assert.Null(SettingsLocation.ContentRoot(["--contentRoot", "/srv/acubot"]));
        Assert.Null(SettingsLocation.ContentRoot(["--contentRoot=/srv/acubot"]));
        Assert.Equal(SettingsLocation.ContentRoot(), SettingsLocation.ContentRoot(["--urls", "http://localhost:1"]));
    }
}
