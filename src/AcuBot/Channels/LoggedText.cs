using AcuBot.Unanswered;

namespace AcuBot.Channels;

/// <summary>
/// A value a caller chose (an activity type, a conversation id), made fit for a log line: no control
/// characters, so it cannot write terminal escapes into a console log or forge a line of its own, and
/// cut short, so a refused 256 KB id does not become a 256 KB log line.
/// </summary>
public static class LoggedText
{
    public const int MaxLength = 128;

    public static string? Of(string? value)
    {
        if (value is null) return null;
        var printable = PrintableText.Of(value.Length > MaxLength * 2 ? value[..(MaxLength * 2)] : value);
        return printable.Length > MaxLength ? printable[..MaxLength] + "…" : printable;
    }
}
