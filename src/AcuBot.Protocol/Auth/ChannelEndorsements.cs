using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Auth;

/// <summary>
/// The Bot Framework's key "endorsements": a signing key in the channel's JWKS may list the channel ids
/// it speaks for. When the key that signed a token lists any, the activity's channelId must be one of
/// them, so a key issued for one channel cannot vouch for activities claiming to come from another.
/// </summary>
public static class ChannelEndorsements
{
    public const string PropertyName = "endorsements";

    /// <summary>The channel ids <paramref name="key"/> endorses, or null when it does not say (no restriction).</summary>
    public static IReadOnlyList<string>? Of(JsonWebKey? key)
    {
        if (key is null || !key.AdditionalData.TryGetValue(PropertyName, out var value) || value is null) return null;
        return value switch
        {
            string one => [one],
            JsonElement { ValueKind: JsonValueKind.Array } array =>
                [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            JsonElement { ValueKind: JsonValueKind.String } one => [one.GetString()!],
            IEnumerable many => [.. many.Cast<object?>().Select(item => item?.ToString()).OfType<string>()],
            // Present but unreadable: endorse nothing rather than everything.
            _ => [],
        };
    }

    /// <summary>True when <paramref name="channelId"/> may be used with a token signed by <paramref name="key"/>.</summary>
    public static bool Allow(JsonWebKey? key, string? channelId)
    {
        var endorsed = Of(key);
        if (endorsed is null) return true;
        // Stricter than the Bot Framework SDK, which skips the check when the activity names no channel:
        // a key restricted to some channels does not vouch for an activity that names none.
        return !string.IsNullOrEmpty(channelId) && endorsed.Contains(channelId, StringComparer.Ordinal);
    }
}
