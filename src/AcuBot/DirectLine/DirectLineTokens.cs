using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace AcuBot.DirectLine;

/// <summary>What a Direct Line token grants: one conversation, for one user, until it expires.</summary>
public sealed record DirectLineGrant(
    [property: JsonPropertyName("c")] string ConversationId,
    [property: JsonPropertyName("u")] string? UserId,
    [property: JsonPropertyName("exp")] long ExpiresAt);

/// <summary>
/// Mints and checks Direct Line tokens and the secret. A token is its grant in base64url JSON followed
/// by an HMAC-SHA256 of it under a key derived from the secret: it cannot be forged or moved to another
/// conversation without the secret, and the server keeps no list of tokens.
/// </summary>
public sealed class DirectLineTokens
{
    private readonly byte[] _secret;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineTokens> logger)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            logger.LogInformation("No DirectLine:Secret configured; using a random one for this run");
        }
        _secret = Encoding.UTF8.GetBytes(secret);
        _signingKey = SHA256.HashData(Encoding.UTF8.GetBytes("acubot-directline-token\n" + secret));
        _clock = clock;
        Lifetime = options.Value.TokenLifetime;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>Constant-time comparison, so the secret cannot be guessed from response times.</summary>
    public bool IsSecret(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _secret);

    public string Mint(string conversationId, string? userId)
    {
        // Rounded up to the second, so a token is never valid for less than its lifetime.
        var expires = _clock.GetUtcNow().Add(Lifetime).AddTicks(TimeSpan.TicksPerSecond - 1).ToUnixTimeSeconds();
        var grant = new DirectLineGrant(conversationId, userId, expires);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(grant, DirectLineJsonContext.Default.DirectLineGrant));
        return payload + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>The grant of a well-formed, authentic, unexpired token; null otherwise.</summary>
    public DirectLineGrant? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        var payload = token[..dot];
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload))) return null;

        DirectLineGrant? grant;
        try
        {
            grant = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(payload), DirectLineJsonContext.Default.DirectLineGrant);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
        return grant is not null && grant.ExpiresAt > _clock.GetUtcNow().ToUnixTimeSeconds() ? grant : null;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(payload));
}
