using System.Text.Json.Serialization;
using AcuBot.Channels;
using AcuBot.DirectLine;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.WebChat;

/// <summary>
/// What the embedded widget calls: its settings, and a Direct Line token for a new conversation. The
/// token is minted here, on the server, so the Direct Line secret never reaches a page.
/// </summary>
public static class WebChatEndpoints
{
    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder routes)
    {
        routes.MapDemoPage();
        var group = routes.MapGroup("/api/webchat").AddEndpointFilter<AllowedOriginFilter>().RequireCors(AllowedOrigins.CorsPolicy);
        group.MapGet("/settings", (IOptionsMonitor<WebChatOptions> webChat, IOptionsMonitor<ClinicOptions> clinic) =>
        {
            var options = webChat.CurrentValue;
            return JsonBody.Of(new WidgetSettings(options.Title, clinic.CurrentValue.Name, options.LauncherText, options.AccentColor,
                options.BotAvatarUrl, options.BotAvatarInitials), WebChatJsonContext.Default.WidgetSettings);
        });
        group.MapPost("/token", (HttpContext http, WidgetTokenRequest? request, DirectLineTokens tokens, IDirectLineConversationStore store, ClientRateLimits rateLimits) =>
        {
            if (rateLimits.AcquireToken(http) is { } tooMany) return tooMany;
            var conversationId = DirectLineEndpoints.NewConversationId();
            var userId = UserIds.Sanitize(request?.UserId);
            store.Create(conversationId, userId);
            return JsonBody.Of(new WidgetSession(tokens.Mint(conversationId, userId), conversationId, userId, (int)tokens.Lifetime.TotalSeconds),
                WebChatJsonContext.Default.WidgetSession);
        });
        return routes;
    }
}

public sealed record WidgetSettings(string Title, string ClinicName, string LauncherText, string AccentColor, string BotAvatarUrl, string BotAvatarInitials);

public sealed record WidgetTokenRequest(string? UserId);

public sealed record WidgetSession(string Token, string ConversationId, string UserId, [property: JsonPropertyName("expires_in")] int ExpiresIn);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(WidgetSettings))]
[JsonSerializable(typeof(WidgetTokenRequest))]
[JsonSerializable(typeof(WidgetSession))]
public sealed partial class WebChatJsonContext : JsonSerializerContext;
