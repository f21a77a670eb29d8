using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AcuBot.Endpoints;
using Microsoft.Extensions.Options;

namespace AcuBot.Clinic;

/// <summary>
/// Who may open <c>/clinic</c>: whoever types the configured key. A right key gets a cookie that
/// proves it for <see cref="SessionLifetime"/>: its expiry signed with the key (HMAC-SHA256), so the bot
/// keeps no sessions, and changing the key logs everyone out. The cookie is HttpOnly, SameSite=Strict,
/// limited to /clinic, and Secure when the page was reached over HTTPS.
/// </summary>
public sealed class InsightsKeyGate(IOptionsMonitor<InsightsOptions> options, TimeProvider clock)
{
    public const string CookieName = "AcuBot-Clinic";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public bool IsEnabled => options.CurrentValue.IsEnabled;

    /// <summary>Compares in constant time, so the time a refusal takes tells nothing about the key.</summary>
    public bool IsRightKey(string? typed)
    {
        var key = options.CurrentValue.InsightsKey;
        if (!IsEnabled || typed is null) return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(typed)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public void SignIn(HttpContext http)
    {
        var expires = clock.GetUtcNow() + SessionLifetime;
        var stamp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        http.Response.Cookies.Append(CookieName, stamp + "." + Sign(stamp), Cookie(http, expires));
    }

    public void SignOut(HttpContext http) => http.Response.Cookies.Delete(CookieName, Cookie(http, null));

    public bool IsSignedIn(HttpContext http)
    {
        if (!IsEnabled || http.Request.Cookies[CookieName] is not { } cookie) return false;
        var dot = cookie.IndexOf('.');
        if (dot <= 0 || !long.TryParse(cookie.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)) <= clock.GetUtcNow()) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(cookie[..dot]));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(cookie[(dot + 1)..]));
    }

    private string Sign(string stamp) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.CurrentValue.InsightsKey), Encoding.ASCII.GetBytes("acubot-clinic:" + stamp)));

    private static CookieOptions Cookie(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = ClinicEndpoints.Path,
        Expires = expires,
        IsEssential = true,
    };
}
