using System.Text.RegularExpressions;

namespace AcuBot.Unanswered;

/// <summary>
/// Takes out of a question what identifies the patient who asked it, before it is stored: e-mail
/// addresses, phone numbers, dates (birth dates, appointments) and the names people give for themselves
/// ("my name is Jane Doe", "I'm Jane", "call me Jane"). The clinic needs the question, not the asker;
/// a false positive costs a word of the question, a false negative a patient's privacy, so the patterns
/// lean towards taking out too much.
/// </summary>
public static partial class PersonalDetails
{
    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Date = "[date]";
    public const string Name = "[name]";

    public static string Redact(string text)
    {
        text = EmailAddress().Replace(text, Email);
        text = Dates().Replace(text, Date);
        text = PhoneNumber().Replace(text, match => match.Value.Count(char.IsAsciiDigit) >= 7 ? Phone : match.Value);
        text = NamedSelf().Replace(text, match => match.Groups["intro"].Value + Name);
        text = IntroducedSelf().Replace(text, match => match.Groups["intro"].Value + Name);
        return text;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+")]
    private static partial Regex EmailAddress();

    /// <summary>Runs of digits with the separators phone numbers are written with; kept when under seven digits (ages, doses).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{4,}\d(?![\p{L}\p{N}])")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex("""
        (?ix)
          \b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b                    # 1980-02-03
        | \b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b                  # 03/02/1980, 3.2.80
        | \b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?          # 3rd (of) February 1980
          (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?
          (?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+\d{4}\b          # February 3, 1980
        | \b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\b
        """)]
    private static partial Regex Dates();

    /// <summary>"my name is jane doe": whatever follows, up to three words, capitalised or not.</summary>
    [GeneratedRegex(@"(?i)(?<intro>\b(?:my\s+name\s+is|my\s+name's|name:|call\s+me|i\s+go\s+by)\s+)(?!(?:and|but|i|im|i'm|not)\b)[\p{L}'-]+(?:\s+(?!(?:and|but|i|im|i'm|from|with|born)\b)[\p{L}'-]+){0,2}")]
    private static partial Regex NamedSelf();

    /// <summary>"I'm Jane Doe", "this is Jane": only capitalised words, or "I'm worried" would lose its meaning.</summary>
    [GeneratedRegex(@"(?<intro>\b(?:[Ii]\s+am|[Ii]'m|[Ii]m|[Tt]his\s+is)\s+)(?!I\b)\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*){0,2}")]
    private static partial Regex IntroducedSelf();
}
