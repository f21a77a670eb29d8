namespace AcuBot.Extensions;

/// <summary>
/// Where the bot listens. The ASP.NET Core conventions decide, as a .NET operator expects: <c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (the .NET container images set
/// <c>ASPNETCORE_HTTP_PORTS=8080</c>) or a <c>Kestrel:Endpoints</c> section. Only when none is given does the
/// bot take the Bot Framework's customary <see cref="AcuBotHost.DefaultUrl"/>, on this machine only.
/// </summary>
public static class ListenAddress
{
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    public static WebApplicationBuilder UseDefaultUnlessConfigured(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration)) builder.WebHost.UseUrls(AcuBotHost.DefaultUrl);
        return builder;
    }
}
