namespace AcuBot.Knowledge.Documents;

/// <summary>What a passage is: a piece of an article, or a clinic-curated answer to a known question.</summary>
public enum PassageKind
{
    Article,
    Curated,
}

/// <summary>
/// The unit the bot answers with: one paragraph or list item of a document (or one curated answer),
/// knowing the section it belongs to.
/// </summary>
public sealed record Passage
{
    /// <summary>Position in <see cref="KnowledgeBase.Passages"/>; also the passage's id in the index.</summary>
    public required int Id { get; init; }
    public required PassageKind Kind { get; init; }
    public required string Text { get; init; }
    public required Section Section { get; init; }

    /// <summary>
    /// For a list item: the paragraph that introduces its list ("Rarely, individuals may experience:"),
    /// so an answer made of one item still reads as a sentence. Null otherwise.
    /// </summary>
    public Passage? LeadIn { get; init; }

    /// <summary>True for a paragraph that introduces a list (it ends with a colon).</summary>
    public bool IntroducesList { get; init; }

    /// <summary>For a curated answer: the question and its alternate phrasings. Empty for articles.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>
    /// For an article passage: questions a question file says it answers, in patients' words. Only the
    /// meaning-based search reads them; the words of the answer stay the passage's own, so no question
    /// makes a passage cover a subject it does not mention.
    /// </summary>
    public IReadOnlyList<string> AskedAs { get; init; } = [];
}
