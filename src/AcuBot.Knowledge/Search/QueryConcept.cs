namespace AcuBot.Knowledge.Search;

/// <summary>One form under which a concept of the question may appear in a passage, and how much it counts.</summary>
public sealed record TermForm(string Term, double Factor);

/// <summary>
/// One content word of the question, with the forms that stand for it: the word itself, its spelling
/// correction, its synonyms. <see cref="Weight"/> is how much the concept matters to the question.
/// </summary>
public sealed record QueryConcept(string Word, IReadOnlyList<TermForm> Forms, double Weight)
{
    /// <summary>The word as the patient wrote it (lower case), before stemming: "needles" for "needl".</summary>
    public string Written { get; init; } = Word;
}
