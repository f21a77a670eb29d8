using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Tests.Auth;

/// <summary>An RSA key the test plays the channel with: it publishes itself as a JWK and mints tokens.</summary>
public sealed class ChannelSigningKey(string keyId, params string[] endorsements) : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public string KeyId { get; } = keyId;

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

    /// <summary>A signed channel token vouching for <paramref name="serviceUrl"/>; <paramref name="change"/> adjusts it before signing.</summary>
    public string Mint(string serviceUrl, Action<SecurityTokenDescriptor>? change = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = AuthSettings.Issuer,
            Audience = AuthSettings.AppId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(59),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public void Dispose() => rsa.Dispose();
}
