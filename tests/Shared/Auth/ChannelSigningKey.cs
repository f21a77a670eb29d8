using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Testing.Auth;

/// <summary>
/// An RSA key the test plays the channel with: it publishes itself as a JWK and mints tokens.
/// One file in tests/Shared, compiled into the test projects that need it.
/// </summary>
public sealed class ChannelSigningKey(string keyId, params string[] endorsements) : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public string KeyId { get; } = keyId;

    /// <summary>The issuer its tokens name; the Bot Framework's unless a test's channel signs as another.</summary>
    public string Issuer { get; init; } = TokenDefaults.Issuer;

    /// <summary>The bot (app id) its tokens are for.</summary>
    public string Audience { get; init; } = TokenDefaults.AppId;

    /// <summary>The public key as a JWKS entry, as the Bot Framework publishes it (with its endorsements).</summary>
    public JsonObject ToJwk()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements.Length > 0) jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode?)e)]);
        return jwk;
    }

    /// <summary>A signed token vouching for <see cref="TokenDefaults.ServiceUrl"/>; <paramref name="change"/> adjusts it before signing.</summary>
    public string Mint(Action<SecurityTokenDescriptor>? change = null, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Mint(TokenDefaults.ServiceUrl, change, algorithm);

    /// <summary>A signed channel token vouching for <paramref name="serviceUrl"/>; <paramref name="change"/> adjusts it before signing.</summary>
    public string Mint(string serviceUrl, Action<SecurityTokenDescriptor>? change = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(59),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, algorithm),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => rsa.Dispose();
}

/// <summary>What a valid channel token for the tests' bot looks like, unless a test says otherwise.</summary>
public static class TokenDefaults
{
    public const string AppId = "5d2a0b1c-0000-4000-8000-acub07000001";
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string ChannelId = "msteams";
}
