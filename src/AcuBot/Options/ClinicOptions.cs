namespace AcuBot.Options;

/// <summary>Who the clinic is and how patients reach it; bound from the "Clinic" section.</summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    public string Name { get; set; } = "Our clinic";
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string Website { get; set; } = "";
    public string OpeningHours { get; set; } = "";

    /// <summary>Appended to every reply the bot sends.</summary>
    public string Disclaimer { get; set; } =
        "This information is general and is not medical advice. Please consult a licensed healthcare professional or acupuncturist about your situation.";

    /// <summary>The local emergency number, given first in urgent-care guidance.</summary>
    public string EmergencyNumber { get; set; } = "911";

    /// <summary>The suicide and crisis line, given with urgent-care guidance.</summary>
    public string CrisisLine { get; set; } = "988 (Suicide & Crisis Lifeline, call or text)";

    /// <summary>"call 555-0100, email hello@clinic.example or visit https://clinic.example", from what is configured.</summary>
    public string ContactSentence()
    {
        var ways = new List<string>();
        if (Phone.Length > 0) ways.Add($"call {Phone}");
        if (Email.Length > 0) ways.Add($"email {Email}");
        if (Website.Length > 0) ways.Add($"visit {Website}");
        var contact = ways.Count switch
        {
            0 => $"contact {Name}",
            1 => ways[0],
            _ => string.Join(", ", ways.Take(ways.Count - 1)) + " or " + ways[^1],
        };
        return OpeningHours.Length > 0 ? $"{contact} ({OpeningHours})" : contact;
    }
}
