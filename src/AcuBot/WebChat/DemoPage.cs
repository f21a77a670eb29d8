using AcuBot.Options;
using static System.Net.WebUtility;

namespace AcuBot.WebChat;

/// <summary>
/// The demo page (<c>/</c>, site/index.html, mapped in Endpoints/WebChatEndpoints.cs) with the clinic's
/// own name, contact details and opening hours from the <c>Clinic:*</c> settings, so that what a clinic
/// sees first is its own bot, not the fictional Harbourside. Values are HTML-encoded; the template is read once.
/// </summary>
public static class DemoPage
{
    public const string NamePlaceholder = "{{clinic-name}}";
    public const string ContactPlaceholder = "{{clinic-contact}}";

    private static readonly Lazy<string?> Template = new(() =>
    {
        var path = Path.Combine(SiteFiles.Root, "index.html");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    });

    /// <summary>The page for the clinic's current settings; null when the build put no site/index.html.</summary>
    public static string? Html(ClinicOptions options)
    {
        if (Template.Value is not { } template) return null;
        return template.Replace(NamePlaceholder, HtmlEncode(options.Name), StringComparison.Ordinal)
            .Replace(ContactPlaceholder, Contact(options), StringComparison.Ordinal);
    }

    /// <summary>"Monday to Friday, 9am to 6pm · 555-0134 · hello@... · website", only what is set.</summary>
    public static string Contact(ClinicOptions options)
    {
        var parts = new List<string>();
        if (options.OpeningHours.Length > 0) parts.Add(HtmlEncode(options.OpeningHours));
        if (options.Phone.Length > 0) parts.Add($"<a href=\"tel:{HtmlEncode(options.Phone.Replace(" ", ""))}\">{HtmlEncode(options.Phone)}</a>");
        if (options.Email.Length > 0) parts.Add($"<a href=\"mailto:{HtmlEncode(options.Email)}\">{HtmlEncode(options.Email)}</a>");
        if (Uri.TryCreate(options.Website, UriKind.Absolute, out var site) && site.Scheme is "https" or "http")
            parts.Add($"<a href=\"{HtmlEncode(site.AbsoluteUri)}\">{HtmlEncode(site.Host)}</a>");
        return parts.Count > 0 ? string.Join(" · ", parts) : "Set Clinic:Phone, Clinic:Email and Clinic:OpeningHours to show how patients reach you.";
    }
}
