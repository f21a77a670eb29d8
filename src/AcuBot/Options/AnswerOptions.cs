namespace AcuBot.Options;

/// <summary>How the bot answers; bound from the "Answers" section.</summary>
public sealed class AnswerOptions
{
    public const string Section = "Answers";

    /// <summary>
    /// The least confidence (0 to 1: the weighted share of the question a passage covers) for the bot to
    /// answer with a passage; below it the bot says it does not know.
    /// </summary>
    public double ConfidenceThreshold { get; set; } = 0.6;

    /// <summary>
    /// Below <see cref="ConfidenceThreshold"/>, a passage answers when its confidence plus this much of its
    /// cosine similarity to the question reaches <see cref="CombinedThreshold"/> (and the question names
    /// nothing the knowledge never mentions): words and meaning vouch for it together. Similar alone is
    /// not answering: at the defaults, with no word of the question covered even a cosine of 1 falls short.
    /// </summary>
    public double SimilarityWeight { get; set; } = 0.3;

    /// <summary>See <see cref="SimilarityWeight"/>: 0.55 is a confidence of 0.3 with a cosine of 0.83, or 0.4 with 0.5.</summary>
    public double CombinedThreshold { get; set; } = 0.55;

    /// <summary>
    /// Cosine similarity between the patient's question and one of the questions a question file gives an
    /// article passage, from which that passage answers (when the question names nothing the knowledge
    /// never mentions): the two questions mean the same, whatever words they share.
    /// </summary>
    public double AskedSimilarity { get; set; } = 0.85;

    /// <summary>
    /// The same, for a question with one word the knowledge never uses: so close to a question the clinic
    /// says the passage answers ("is it like a bee sting" to "does it sting") that the word is the patient's
    /// way of asking it, not a subject the knowledge lacks. Measured in docs/quality.md.
    /// </summary>
    public double AskedSimilarityDespiteUnknownWord { get; set; } = 0.83;

    /// <summary>
    /// A passage answers by meaning when its margin reaches this: how much nearer the question it is (cosine)
    /// than the nearest of the questions the documents do not answer (knowledge/not-answered.txt), plus
    /// <see cref="MarginConfidenceWeight"/> times its lexical confidence, less <see cref="MarginUnknownWordCost"/>
    /// for each word of the question the knowledge never uses; and it must be at least
    /// <see cref="MeaningFloor"/> near. The question is then clearly one the documents answer, whatever its
    /// words ("main benefits pls"). Measured in docs/quality.md.
    /// </summary>
    public double NotAnsweredMargin { get; set; } = 0.10;

    /// <summary>See <see cref="NotAnsweredMargin"/>: words the passage shares with the question widen its margin.</summary>
    public double MarginConfidenceWeight { get; set; } = 0.2;

    /// <summary>See <see cref="NotAnsweredMargin"/>: each word the knowledge never uses narrows the margin (it may be a subject the documents lack).</summary>
    public double MarginUnknownWordCost { get; set; } = 0.04;

    /// <summary>See <see cref="NotAnsweredMargin"/>: below this cosine a passage is not near enough to answer by meaning.</summary>
    public double MeaningFloor { get; set; } = 0.3;

    /// <summary>
    /// No passage answers when one of the questions the documents do not answer is this much nearer the
    /// question than the passage (cosine), however many of its words the passage holds: "can I have
    /// acupuncture on my period?" shares every word of a session passage, but means "is it ok during my period?".
    /// </summary>
    public double NotAnsweredVeto { get; set; } = 0.03;

    /// <summary>
    /// Cosine similarity between the patient's question and a curated question (or one of its "Also asked"
    /// forms) from which the curated answer is chosen: the questions mean the same.
    /// </summary>
    public double CuratedSimilarity { get; set; } = 0.7;

    /// <summary>Without the sentence model: the confidence above which a curated question/answer is chosen.</summary>
    public double CuratedThreshold { get; set; } = 0.75;

    /// <summary>
    /// When a section title covers this share of the question, the question is about the section as a
    /// whole and the answer is the section's opening (with its list) rather than one passage of it.
    /// </summary>
    public double SectionOverviewThreshold { get; set; } = 0.8;

    /// <summary>Follow-up suggestions offered with an answer (at most).</summary>
    public int MaxSuggestions { get; set; } = 3;

    /// <summary>What the bot knows about, in the words of the welcome ("I answer questions about ...").</summary>
    public string Topic { get; set; } = "acupuncture for back pain";

    /// <summary>The greeting when a user joins (Emulator, Web Chat); empty means the built-in one, which names the clinic and topic.</summary>
    public string WelcomeText { get; set; } = "";

    /// <summary>Questions offered as buttons in the welcome and help replies. Empty means the built-in three.</summary>
    public List<string> ExampleQuestions { get; set; } = [];

    public IReadOnlyList<string> EffectiveExampleQuestions => ExampleQuestions.Count > 0
        ? ExampleQuestions
        : ["Does acupuncture hurt?", "What are the risks of acupuncture?", "What happens during a session?"];

    /// <summary>How long a conversation's context (the last answer) is remembered.</summary>
    public TimeSpan ConversationTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
