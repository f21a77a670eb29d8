using System.Security.Cryptography;

namespace AcuBot.DirectLine;

/// <summary>
/// User ids for Web Chat: the client's own when it is plain (letters, digits, - and _), a random one otherwise.
/// Not "dl_...": Web Chat reserves that prefix for ids it can read from a Direct Line service's own tokens.
/// </summary>
public static class UserIds
{
    public static string New() => "user-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    public static string Sanitize(string? requested) =>
        requested is { Length: > 0 and <= 64 } && requested.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? requested : New();
}
