using System.Net.Http.Json;
using AcuBot.Protocol.Schema;

namespace AcuBot.Protocol.Connector;

/// <summary>Thrown when the channel's connector does not accept a reply.</summary>
public sealed class ConnectorException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// The Bot Connector REST API v3, the part a bot needs to answer: replies are POSTed to
/// <c>{serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>.
/// </summary>
public sealed class ConnectorClient(HttpClient http, ServiceUrlPolicy policy)
{
    public async Task<ResourceResponse?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!policy.IsAllowed(activity.ServiceUrl, out var serviceUrl))
            throw new ConnectorException("The activity's serviceUrl is not on the allow-list; nothing was sent.");
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
            throw new ConnectorException("The activity has no conversation id.");

        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId)) path += "/" + Uri.EscapeDataString(activity.ReplyToId);
        var target = new Uri(new Uri(serviceUrl!.AbsoluteUri.TrimEnd('/') + "/"), path);

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(target, activity, ProtocolJsonContext.Default.Activity, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException($"The connector could not be reached: {ex.Message}", inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException("The connector did not answer in time.", inner: ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new ConnectorException($"The connector answered {(int)response.StatusCode}.", (int)response.StatusCode);
            if (response.Content.Headers.ContentLength == 0) return null;
            try
            {
                return await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ResourceResponse, cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                return null; // delivered; the connector's receipt is only informative
            }
        }
    }
}
