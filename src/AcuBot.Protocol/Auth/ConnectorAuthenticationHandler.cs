namespace AcuBot.Protocol.Auth;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;bot access token&gt;</c> to requests to the Bot Connector when an
/// app id is configured; with none (the Emulator without credentials) requests pass unchanged.
/// </summary>
/// <remarks>
/// The token lets anyone holding it act as the bot, so it is only sent over HTTPS, or to loopback where
/// it never leaves the machine (the Emulator). Which hosts are called at all is the connector's
/// serviceUrl allow-list's business, checked before a request gets here.
/// </remarks>
public sealed class ConnectorAuthenticationHandler(IBotAccessTokenProvider tokens, BotAuthenticationOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.IsEnabled && request.Headers.Authorization is null)
        {
            if (!MayCarryToken(request.RequestUri))
                throw new HttpRequestException("The bot's access token is sent only over HTTPS or to loopback; the request was not sent.");

            string token;
            try
            {
                token = await tokens.GetAccessTokenAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Reported like any other failure to reach the connector (the connector client turns it
                // into a ConnectorException); the message names the failure, never the credentials.
                throw new HttpRequestException($"No access token for the Bot Connector could be obtained: {ex.GetType().Name}.", ex);
            }
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(BearerToken.Scheme, token);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    public static bool MayCarryToken(Uri? uri) =>
        uri is { IsAbsoluteUri: true } &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
