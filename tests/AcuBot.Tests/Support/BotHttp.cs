using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AcuBot.Tests.Support;

/// <summary>Posting to <c>/api/messages</c> and reading what comes back.</summary>
public static class BotHttp
{
    public const string MessagesPath = "api/messages";

    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, JsonNode activity) =>
        client.PostRawAsync(activity.ToJsonString(), "application/json");

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync(MessagesPath, content);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"Expected a JSON body from {(int)response.StatusCode}, got: {Shorten(body)} ({ex.Message})");
        }
    }

    /// <summary>Posts an expectReplies activity and returns the replies in the body, asserting 200 and the envelope.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ExpectRepliesAsync(this HttpClient client, JsonObject activity)
    {
        using var response = await client.PostActivityAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {Shorten(body)}");
        using var document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        var activities = document.RootElement.GetProperty("activities");
        Assert.Equal(JsonValueKind.Array, activities.ValueKind);
        return activities.EnumerateArray().Select(a => a.Clone()).ToArray();
    }

    /// <summary>Asserts the error body of a refused request: <c>{"error": {"code": "...", "message": "..."}}</c>.</summary>
    public static async Task<(string Code, string Message)> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {Shorten(body)}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "");
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("error");
        var code = error.GetProperty("code").GetString();
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(code), "error.code is empty");
        Assert.False(string.IsNullOrWhiteSpace(message), "error.message is empty");
        return (code!, message!);
    }

    public static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "...";
}

/// <summary>Reading a reply Activity as it came over the wire.</summary>
public static class ReplyJson
{
    public static string Text(this JsonElement reply) => reply.GetProperty("text").GetString() ?? "";

    public static string? Kind(this JsonElement reply) =>
        reply.TryGetProperty("channelData", out var data) && data.TryGetProperty("kind", out var kind) ? kind.GetString() : null;

    public static string? Section(this JsonElement reply) =>
        reply.TryGetProperty("channelData", out var data) && data.TryGetProperty("section", out var section) ? section.GetString() : null;

    public static string? Str(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static IReadOnlyList<JsonElement> SuggestedActions(this JsonElement reply) =>
        reply.TryGetProperty("suggestedActions", out var suggested) && suggested.TryGetProperty("actions", out var actions)
            ? actions.EnumerateArray().ToArray()
            : [];

    /// <summary>The reply ends with the clinic's disclaimer from appsettings.json.</summary>
    public static void AssertCarriesDisclaimer(this JsonElement reply)
    {
        var text = reply.Text();
        Assert.Contains(RepoPaths.Disclaimer, text);
        Assert.True(text.TrimEnd().TrimEnd('_').EndsWith(RepoPaths.Disclaimer, StringComparison.Ordinal),
            $"the disclaimer is not at the end of the reply: {BotHttp.Shorten(text)}");
    }
}
