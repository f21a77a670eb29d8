using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AcuBot.Protocol.Tests.Auth;

/// <summary>
/// A JWT written by hand and signed with RS256: for the headers and claims IdentityModel's token
/// writer will not produce (an x5t instead of a kid, a start after the expiry, a claim of the wrong type).
/// </summary>
public static class RawChannelToken
{
    public static string Sign(RSA key, string headerJson, string payloadJson)
    {
        var signed = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The private key a <see cref="ChannelSigningKey"/> signs with.</summary>
    public static RSA KeyOf(ChannelSigningKey key)
    {
        RSA? rsa = null;
        key.Mint(t => rsa = ((RsaSecurityKey)t.SigningCredentials.Key).Rsa);
        return rsa!;
    }

    /// <summary>The claims of a token <paramref name="key"/> mints, as JSON.</summary>
    public static string PayloadOf(ChannelSigningKey key) => Base64UrlEncoder.Decode(key.Mint().Split('.')[1]);

    /// <summary>Claims of a channel token for the tests' bot, valid from a minute ago for 30 minutes unless told otherwise.</summary>
    public static string Payload(long? notBefore = null, long? expires = null, string extra = "")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $$"""{"iss":"{{TokenDefaults.Issuer}}","aud":"{{TokenDefaults.AppId}}","nbf":{{notBefore ?? now - 60}},"exp":{{expires ?? now + 1800}},"serviceurl":"{{TokenDefaults.ServiceUrl}}"{{extra}}}""";
    }
}
