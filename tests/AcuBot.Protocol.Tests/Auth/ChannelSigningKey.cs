using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>An RSA key the test plays the channel with: it publishes itself as a JWK and mints tokens.</summary>
public sealed class ChannelSigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public ChannelSigningKey(string keyId, params string[] endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    public string KeyId { get; }

    /// <summary>Channel ids this key vouches for; none means the key's JWK has no endorsements.</summary>
    public string[] Endorsements { get; }

    public RsaSecurityKey SecurityKey { get; }

    /// <summary>The public key as a JWKS entry, as the Bot Framework publishes it.</summary>
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
        if (Endorsements.Length > 0) jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode?)e)]);
        return jwk;
    }

    /// <summary>A signed token; <paramref name="change"/> adjusts the descriptor before signing.</summary>
    public string Mint(Action<SecurityTokenDescriptor>? change = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var descriptor = TokenDefaults.Descriptor();
        descriptor.SigningCredentials = new SigningCredentials(SecurityKey, algorithm);
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => rsa.Dispose();
}

/// <summary>What a valid channel token for the tests' bot looks like.</summary>
public static class TokenDefaults
{
    public const string AppId = "5d2a0b1c-0000-4000-8000-acub07000001";
    public const string Issuer = "https://api.botframework.com";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string ChannelId = "msteams";

    public static SecurityTokenDescriptor Descriptor()
    {
        var now = DateTime.UtcNow;
        return new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AppId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(59),
            Claims = new Dictionary<string, object> { [ "serviceurl" ] = ServiceUrl },
        };
    }
}
