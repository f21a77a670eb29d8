using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace AcuBot.DirectLine;

/// <summary>
/// What a Direct Line token grants: one conversation, for one user, until it expires. The claim names
/// are the ones Web Chat and botframework-directlinejs read: both take the user id from <c>user</c>, so
/// a page need not repeat it (and a Web Chat that is given another id uses the token's).
/// </summary>
public sealed record DirectLineGrant(
    [property: JsonPropertyName("conv")] string ConversationId,
    [property: JsonPropertyName("user")] string? UserId,
    [property: JsonPropertyName("exp")] long ExpiresAt);

/// <summary>How a presented token fared: the grant when it is valid, or why it is not.</summary>
public enum TokenStatus
{
    Valid,
    /// <summary>No token was presented at all: Direct Line answers 401.</summary>
    Missing,
    /// <summary>Authentic, but past its expiry: Direct Line answers 403 with code TokenExpired, which clients act on.</summary>
    Expired,
    /// <summary>Malformed or not signed with this bot's secret.</summary>
    Invalid,
}

public readonly record struct TokenCheck(TokenStatus Status, DirectLineGrant? Grant);

/// <summary>
/// Mints and checks Direct Line tokens and the secret. A token is a JWT (HS256): its grant in base64url
/// JSON, signed with HMAC-SHA256 under a key derived from the secret, so it cannot be forged or moved to
/// another conversation without the secret, the server keeps no list of tokens, and clients can read
/// (not trust) the user id in it, as they do with Direct Line's own tokens.
/// </summary>
public sealed class DirectLineTokens
{
    // EventIds 4001-4099: Direct Line (the ranges are listed in AcuBotTelemetry).
    private static readonly Action<ILogger, Exception?> LogRandomSecret = LoggerMessage.Define(LogLevel.Information,
        new EventId(4001, "DirectLineRandomSecret"), "No DirectLine:Secret configured; using a random one for this run");

    private readonly byte[] _secret;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _clock;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineTokens> logger)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            LogRandomSecret(logger, null);
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
        var signed = Header + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(grant, DirectLineJsonContext.Default.DirectLineGrant));
        return signed + "." + Base64Url.EncodeToString(Sign(signed));
    }

    /// <summary>The grant of a well-formed, authentic, unexpired token; null otherwise.</summary>
    public DirectLineGrant? Validate(string? token) => Check(token) is { Status: TokenStatus.Valid, Grant: var grant } ? grant : null;

    /// <summary>Whether <paramref name="token"/> is valid, expired (authentic but too old) or invalid.</summary>
    public TokenCheck Check(string? token)
    {
        var invalid = new TokenCheck(TokenStatus.Invalid, null);
        if (string.IsNullOrEmpty(token)) return new TokenCheck(TokenStatus.Missing, null);
        if (token.Length > 2048) return invalid;
        var lastDot = token.LastIndexOf('.');
        // Only the header this bot writes: nothing in a token chooses how it is checked.
        if (lastDot <= Header.Length || !token.StartsWith(Header + ".", StringComparison.Ordinal)) return invalid;
        var signed = token[..lastDot];
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        }
        catch (FormatException)
        {
            return invalid;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(signed))) return invalid;

        DirectLineGrant? grant;
        try
        {
            grant = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(signed.AsSpan(Header.Length + 1)), DirectLineJsonContext.Default.DirectLineGrant);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return invalid;
        }
        if (grant is null || string.IsNullOrEmpty(grant.ConversationId)) return invalid;
        return grant.ExpiresAt > _clock.GetUtcNow().ToUnixTimeSeconds()
            ? new TokenCheck(TokenStatus.Valid, grant)
            : new TokenCheck(TokenStatus.Expired, null);
    }

    /// <summary>The JOSE header of every token: HS256, a JWT.</summary>
    private static readonly string Header = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    private byte[] Sign(string signed) => HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(signed));
}
