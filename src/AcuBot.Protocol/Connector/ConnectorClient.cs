using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using AcuBot.Protocol.Schema;

namespace AcuBot.Protocol.Connector;

/// <summary>Thrown when the channel's connector does not accept a reply.</summary>
public sealed class ConnectorException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// The Bot Connector REST API v3, the part a bot needs to answer: replies are POSTed to
/// <c>{serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c>, as SDK bots send them:
/// serialized first and sent with a Content-Length (some channels' front ends refuse chunked bodies), a
/// User-Agent naming the bot and its version, and the conversation in <c>x-ms-conversation-id</c>.
/// </summary>
public sealed class ConnectorClient(HttpClient http, ServiceUrlPolicy policy)
{
    public const string ConversationIdHeader = "x-ms-conversation-id";

    /// <summary>"Microsoft-BotFramework/3.1 AcuBot/1.2.3 (.NET 10.0.0; Linux ...)", the shape the SDKs' user agents have.</summary>
    public static string UserAgent { get; } = BuildUserAgent();

    /// <param name="vouchedServiceUrl">
    /// The serviceUrl a validated channel token vouched for, when authentication is on: replies may go
    /// there. Otherwise only serviceUrls on the allow-list are used.
    /// </param>
    /// <summary>
    /// An id as one path segment. Dots are escaped too when they are the whole segment: "." or ".." would
    /// otherwise be resolved as a dot segment and the reply sent to another path.
    /// </summary>
    private static string Segment(string id) => id is "." or ".." ? id.Replace(".", "%2E", StringComparison.Ordinal) : Uri.EscapeDataString(id);

    public async Task<ResourceResponse?> SendAsync(Activity activity, string? vouchedServiceUrl, CancellationToken cancellationToken)
    {
        var vouched = vouchedServiceUrl is not null && string.Equals(activity.ServiceUrl, vouchedServiceUrl, StringComparison.Ordinal);
        Uri? serviceUrl;
        if (vouched ? !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out serviceUrl) : !policy.IsAllowed(activity.ServiceUrl, out serviceUrl))
            throw new ConnectorException("The activity's serviceUrl is not trusted; nothing was sent.");
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
            throw new ConnectorException("The activity has no conversation id.");

        var path = $"v3/conversations/{Segment(conversationId)}/activities";
        if (!string.IsNullOrEmpty(activity.ReplyToId)) path += "/" + Segment(activity.ReplyToId);
        // No canonicalisation: an id of "." or ".." (escaped as %2E) must stay a segment, not move the reply elsewhere.
        var target = new Uri(serviceUrl!.AbsoluteUri.TrimEnd('/') + "/" + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target)
            {
                Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (IsHeaderSafe(conversationId)) request.Headers.TryAddWithoutValidation(ConversationIdHeader, conversationId);
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException($"The connector could not be reached: {ex.Message}", inner: ex);
        }
        catch (Exception ex) when (ex is not ConnectorException && !cancellationToken.IsCancellationRequested)
        {
            // Timeouts (the HttpClient's, or a resilience pipeline's) and anything else that kept the reply
            // from being delivered: the caller needs to know it failed, not how.
            throw new ConnectorException($"The reply could not be delivered ({ex.GetType().Name}).", inner: ex);
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

    /// <summary>A header value must be visible ASCII (and spaces); a conversation id that is not is left out rather than mangled.</summary>
    private static bool IsHeaderSafe(string value) => value.Length <= 1024 && value.All(c => c is >= ' ' and <= '~');

    private static string BuildUserAgent()
    {
        var assembly = typeof(ConnectorClient).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0) version = version[..plus]; // the commit hash is no business of the channel's
        var platform = $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
        return $"Microsoft-BotFramework/3.1 AcuBot/{version} ({new string(platform.Where(c => c is >= ' ' and <= '~' and not '(' and not ')').ToArray())})";
    }
}
