using System.Text;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;

namespace AcuBot.Bot;

/// <summary>Writes an answer from search hits: the section title, the passage as a patient should read it, follow-ups.</summary>
public sealed class AnswerComposer
{
    public BotReply Compose(SearchHit best, IReadOnlyList<SearchHit> others, KnowledgeBase knowledge, int maxSuggestions)
    {
        var passage = best.Passage;
        var text = new StringBuilder();
        text.Append("**").Append(passage.Section.Title).Append("**\n\n");
        text.Append(PassageAsAnswer(passage));
        return new BotReply(ReplyKind.Answer, text.ToString())
        {
            SectionTitle = passage.Section.Title,
            SourceFile = passage.Section.SourceFile,
            Confidence = best.Confidence,
            Suggestions = FollowUps(passage.Section, others, knowledge, maxSuggestions),
        };
    }

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
    private static IReadOnlyList<string> FollowUps(Section answered, IReadOnlyList<SearchHit> others, KnowledgeBase knowledge, int max)
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
