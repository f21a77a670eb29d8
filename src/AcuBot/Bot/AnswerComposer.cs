using System.Text;
using AcuBot.Bot.Conversation;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;
using AcuBot.Options;

namespace AcuBot.Bot;

/// <summary>Writes an answer from search hits: the section title, the passage as a patient should read it, follow-ups.</summary>
public sealed class AnswerComposer
{
    /// <summary>How much more of the question a passage must cover than its section title to be shown on its own.</summary>
    private const double AddsToTheTitle = 0.05;

    /// <remarks>
    /// When the section title alone covers <see cref="AnswerOptions.SectionOverviewThreshold"/> of the
    /// question ("what are the risks?" against "Understanding the Risks..."), and the passage found adds
    /// nothing the title does not, the question is about the whole section: the answer is its opening
    /// (with its list). A passage that covers more than its title ("how long do the needles stay in during
    /// a session?") is the answer itself.
    /// </remarks>
    public BotReply Compose(SearchHit best, IReadOnlyList<SearchHit> others, KnowledgeBase knowledge, AnswerOptions options)
    {
        var aboutTheWholeSection = best.TitleCoverage >= options.SectionOverviewThreshold && best.Confidence <= best.TitleCoverage + AddsToTheTitle;
        var passage = aboutTheWholeSection && best.Passage.Kind == PassageKind.Article
            ? best.Section.Passages[0]
            : best.Passage;
        var text = new StringBuilder();
        text.Append("**").Append(passage.Section.Title).Append("**\n\n");
        var shown = PassageAsAnswer(passage);
        text.Append(shown);
        var suggestions = RelatedSections(passage.Section, others, knowledge, options.MaxSuggestions);
        // Offer the rest of the section when the answer showed only part of it.
        if (passage.Section.Passages.Any(p => !IsShownWith(passage, p))) suggestions = [FollowUps.TellMeMore, .. suggestions];
        return new BotReply(ReplyKind.Answer, text.ToString())
        {
            SectionTitle = passage.Section.Title,
            SourceFile = passage.Section.SourceFile,
            Confidence = best.Confidence,
            Suggestions = suggestions,
        };
    }

    /// <summary>The whole of a section, for "tell me more".</summary>
    public BotReply ComposeSection(Section section, KnowledgeBase knowledge, int maxSuggestions) =>
        new(ReplyKind.Answer, "**" + section.Title + "**\n\n" + SectionAsText(section))
        {
            SectionTitle = section.Title,
            SourceFile = section.SourceFile,
            Suggestions = RelatedSections(section, [], knowledge, maxSuggestions),
        };

    /// <summary>
    /// A list item is shown under the sentence that introduces its list; a sentence that introduces a
    /// list is shown with the whole list. Either way the answer reads as the article meant it.
    /// </summary>
    public static string PassageAsAnswer(Passage passage)
    {
        if (passage.LeadIn is { } leadIn)
            return leadIn.Text + "\n\n- " + passage.Text;
        if (passage.IntroducesList)
        {
            var items = passage.Section.Passages.Where(p => p.LeadIn == passage).Select(p => "- " + p.Text);
            return passage.Text + "\n\n" + string.Join("\n", items);
        }
        return passage.Text;
    }

    /// <summary>Whether <see cref="PassageAsAnswer"/> shows <paramref name="other"/> when it shows <paramref name="answer"/>.</summary>
    private static bool IsShownWith(Passage answer, Passage other) =>
        other == answer || (answer.LeadIn is { } leadIn ? other == leadIn : answer.IntroducesList && other.LeadIn == answer);

    /// <summary>The whole section, for "tell me more".</summary>
    public static string SectionAsText(Section section)
    {
        var text = new StringBuilder();
        foreach (var passage in section.Passages)
        {
            if (text.Length > 0) text.Append(passage.LeadIn is null ? "\n\n" : "\n");
            text.Append(passage.LeadIn is null ? passage.Text : "- " + passage.Text);
        }
        return text.ToString();
    }

    /// <summary>A title's part before a colon: "Discover How Acupuncture Can Alleviate Back Pain: Explore..." fits on a button.</summary>
    public static string ShortTitle(string title)
    {
        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        return colon > 10 ? title[..colon] : title;
    }

    /// <summary>
    /// Other sections worth asking about: first those that also matched the question, then the sections
    /// next to the answer's in the document. Offered as their titles, which find them again when sent.
    /// </summary>
    private static IReadOnlyList<string> RelatedSections(Section answered, IReadOnlyList<SearchHit> others, KnowledgeBase knowledge, int max)
    {
        var related = others.Select(h => h.Section)
            .Concat(knowledge.Sections.Where(s => s.SourceFile == answered.SourceFile).OrderBy(s => Math.Abs(s.Ordinal - answered.Ordinal)));
        return related.Where(s => s != answered && s.Passages.Count > 0)
            .Select(s => ShortTitle(s.Title))
            .Distinct()
            .Take(max)
            .ToArray();
    }
}
