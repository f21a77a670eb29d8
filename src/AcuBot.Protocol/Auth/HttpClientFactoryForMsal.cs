using Microsoft.Identity.Client;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// Lets MSAL use the app's <see cref="IHttpClientFactory"/> (pooled handlers, configured timeout)
/// instead of creating HttpClients of its own.
/// </summary>
public sealed class HttpClientFactoryForMsal(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public const string ClientName = "AcuBot.BotAuthentication.Token";

    public HttpClient GetHttpClient() => factory.CreateClient(ClientName);
}
