namespace AcuBot.WebChat;

/// <summary>The embeddable widget; bound from the "WebChat" section. Data attributes on the script tag override these.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>
    /// Web sites that may embed the widget (scheme, host and port: "https://www.my-clinic.example").
    /// The bot's own pages always may. Requests from any other origin are refused.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Title of the chat window.</summary>
    public string Title { get; set; } = "Ask our assistant";

    /// <summary>Text on the chat button.</summary>
    public string LauncherText { get; set; } = "Questions? Chat with us";

    /// <summary>The accent colour of the button, the header and the user's messages (CSS colour).</summary>
    public string AccentColor { get; set; } = "#1f6f78";

    /// <summary>An image URL for the bot's avatar; initials are shown when empty.</summary>
    public string BotAvatarUrl { get; set; } = "";

    public string BotAvatarInitials { get; set; } = "AB";
}
