using System.Text.Json.Serialization;
using AcuBot.Channels;
using AcuBot.DirectLine;
using AcuBot.Options;
using AcuBot.WebChat;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AcuBot.Endpoints;

/// <summary>
/// The demo page (<c>/</c>, see <see cref="DemoPage"/>), and what the embedded widget calls under
/// <c>/api/webchat</c>: its settings, and a Direct Line token for a new conversation. The token is minted
/// here, on the server, so the Direct Line secret never reaches a page.
/// </summary>
public static class WebChatEndpoints
{
    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder routes)
    {
        // Mapped, so that the static files leave "/" and "/index.html" to it.
        routes.MapGet("/", RenderDemoPage);
        routes.MapGet("/index.html", RenderDemoPage);

        var group = routes.MapGroup("/api/webchat").AddEndpointFilter<AllowedOriginFilter>().AddEndpointFilter<Storage.StoreUnavailableFilter>().RequireCors(AllowedOrigins.CorsPolicy);
        group.MapGet("/settings", JsonBody (IOptionsMonitor<WebChatOptions> webChat, IOptionsMonitor<ClinicOptions> clinic) =>
        {
            var options = webChat.CurrentValue;
            return JsonBody.Of(new WidgetSettings(options.Title, clinic.CurrentValue.Name, options.LauncherText, options.AccentColor,
                options.BotAvatarUrl, options.BotAvatarInitials), WebChatJsonContext.Default.WidgetSettings);
        });
        group.MapPost("/token", async Task<JsonBody> (HttpContext http, WidgetTokenRequest? request, DirectLineTokens tokens, IDirectLineConversationStore store, ClientRateLimits rateLimits) =>
        {
            if (rateLimits.AcquireToken(http) is { } tooMany) return tooMany;
            var conversationId = DirectLineEndpoints.NewConversationId();
            var userId = UserIds.Sanitize(request?.UserId);
            await store.CreateAsync(conversationId, userId, http.RequestAborted);
            return JsonBody.Of(new WidgetSession(tokens.Mint(conversationId, userId), conversationId, userId, (int)tokens.Lifetime.TotalSeconds),
                WebChatJsonContext.Default.WidgetSession);
        });
        return routes;
    }

    private static Results<ContentHttpResult, NotFound> RenderDemoPage(IOptionsMonitor<ClinicOptions> clinic) =>
        DemoPage.Html(clinic.CurrentValue) is { } html ? TypedResults.Content(html, "text/html; charset=utf-8") : TypedResults.NotFound();
}

public sealed record WidgetSettings(string Title, string ClinicName, string LauncherText, string AccentColor, string BotAvatarUrl, string BotAvatarInitials);

public sealed record WidgetTokenRequest(string? UserId);

public sealed record WidgetSession(string Token, string ConversationId, string UserId, [property: JsonPropertyName("expires_in")] int ExpiresIn);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(WidgetSettings))]
[JsonSerializable(typeof(WidgetTokenRequest))]
[JsonSerializable(typeof(WidgetSession))]
public sealed partial class WebChatJsonContext : JsonSerializerContext;
