using System.Security.Cryptography;

namespace AcuBot.DirectLine;

/// <summary>
/// User ids for Web Chat. A token server (or the holder of the secret) may name the user; that id is bound
/// into the token, and every reply is addressed to it, so it must be one Web Chat will use as the user's.
/// </summary>
public static class UserIds
{
    public const int MaxLength = 64;

    /// <summary>The prefix Web Chat and botframework-directlinejs reserve for ids a Direct Line service vouches for.</summary>
    public const string ReservedPrefix = "dl_";

    public static string New() => "user-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    /// <summary>
    /// Why <paramref name="requested"/> cannot be a user id, or null when it can: 1 to 64 visible ASCII
    /// characters (no spaces or control characters, which would reach logs and headers), not starting with
    /// "dl_" (a Web Chat given such an id replaces it with a random one, and hides every button addressed to it).
    /// </summary>
    public static string? Problem(string requested)
    {
        if (requested.Length == 0) return "The user id is empty.";
        if (requested.Length > MaxLength) return $"The user id is longer than {MaxLength} characters.";
        if (!requested.All(c => c is > ' ' and <= '~')) return "The user id may hold only visible ASCII characters (no spaces).";
        if (requested.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            return $"User ids starting with '{ReservedPrefix}' are reserved by Web Chat; choose another.";
        return null;
    }

    /// <summary>The client's own id when it is acceptable, a random one otherwise (the widget's token, which has no one to tell).</summary>
    public static string Sanitize(string? requested) => requested is not null && Problem(requested) is null ? requested : New();
}
