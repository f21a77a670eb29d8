namespace AcuBot.Knowledge.Search;

/// <summary>Weights of the ranking. The defaults were measured with the <c>eval</c> command (docs/quality.md).</summary>
public sealed class SearchTuning
{
    /// <summary>How much a section title counts against the passage's own text.</summary>
    public float TitleBoost { get; set; } = 0.6f;

    /// <summary>How much a curated question counts against the passage's own text.</summary>
    public float QuestionBoost { get; set; } = 1.5f;

    /// <summary>Candidates Lucene returns before they are re-ranked by confidence.</summary>
    public int Candidates { get; set; } = 20;

    /// <summary>Passages closest in meaning that join Lucene's candidates in hybrid retrieval.</summary>
    public int DenseCandidates { get; set; } = 10;

    /// <summary>
    /// How much the cosine similarity adds to the lexical score in hybrid retrieval. 0.3 while passages were
    /// compared by their own text only; with questions per passage (<c>*.questions.txt</c>) the cosine is
    /// the better guide to which passage answers: 1.0 answered 16 more of 602 questions, and with 798 questions
    /// per passage 3.0 puts the right passage first for 91 % of 977 answerable questions, against 89 % at 1.0
    /// and 88 % by the cosine alone; with 2,800 questions per passage 5.0 answers 1.2 % more of 1,977 at the
    /// same share of honest "I don't know"s (docs/quality.md).
    /// </summary>
    public double DenseWeight { get; set; } = 5.0;

    /// <summary>
    /// Below this total weight of the question's concepts its words say almost nothing the passages do not
    /// all share (only "acupuncture", "back", "pain"), and the passages are ordered by meaning.
    /// </summary>
    public double InformativeWeight { get; set; } = 0.5;

    /// <summary>Which signals rank the passages (hybrid unless the model is off or an ablation says otherwise).</summary>
    public RetrievalMode Retrieval { get; set; } = RetrievalMode.Hybrid;

    /// <summary>Share of the final score given to confidence; the rest is Lucene's BM25 score, normalised.</summary>
    public double ConfidenceShare { get; set; } = 0.7;

    /// <summary>Whether the clinic's synonym groups are used.</summary>
    public bool UseSynonyms { get; set; } = true;

    /// <summary>Whether the questions the documents do not answer (<see cref="NotAnsweredExamples"/>) weigh in the decision to answer.</summary>
    public bool UseNotAnsweredExamples { get; set; } = true;

    /// <summary>Whether words the knowledge does not contain are corrected to the nearest word it does.</summary>
    public bool CorrectSpelling { get; set; } = true;

    /// <summary>Added to the score of a passage that defines the subject of a "what is X?" question.</summary>
    public double DefinitionBonus { get; set; } = 0.3;

    /// <summary>
    /// A patient's question this close in meaning to one of the clinic's questions (<c>*.questions.txt</c>)
    /// is the clinic's question asked again, and the passage the clinic put it under answers it, whatever
    /// the words say: "who is acupuncture good for" is filed under who can benefit, though "good" reads as
    /// the benefits' "advantages". On the 33 eval sets 0.95 put 8 more answers right and none wrong; 0.93
    /// gained 11 and lost 6, 0.90 gained 15 and lost 8 (docs/quality.md). Above 1 it is off.
    /// </summary>
    public float AskedAgainSimilarity { get; set; } = 0.95f;
    /// <summary>Questions longer than this many concepts are cut (a pasted essay is not a question).</summary>
    public int MaxConcepts { get; set; } = 32;
}
