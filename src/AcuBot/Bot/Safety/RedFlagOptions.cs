namespace AcuBot.Bot.Safety;

/// <summary>Which red-flag detectors run (for measuring: both, always, in service); bound from "RedFlags".</summary>
public enum RedFlagDetectors
{
    Both,
    Rules,
    Semantic,
}

/// <summary>The red-flag detectors and the meaning-based net's thresholds, measured in docs/quality.md.</summary>
public sealed class RedFlagOptions
{
    public const string Section = "RedFlags";

    public RedFlagDetectors Detectors { get; set; } = RedFlagDetectors.Both;

    /// <summary>
    /// The net also reads a message of several clauses one clause at a time (MessageClauses): a symptom inside
    /// a booking request is found. Off only for measuring (docs/quality.md).
    /// </summary>
    public bool ReadClauses { get; set; } = true;

    /// <summary>
    /// A message in a language the bot cannot read (UnreadableMessage) gets the emergency numbers first, and a
    /// request to write in English. Off only for measuring the two detectors alone.
    /// </summary>
    public bool UnreadableIsUrgent { get; set; } = true;

    /// <summary>
    /// The net flags a message this close to a red-flag example unless an ordinary example is closer still
    /// ("heat or ice for a pulled muscle?" is 0.66 from a fever example, but 0.77 from an ordinary one).
    /// </summary>
    public double SureSimilarity { get; set; } = 0.65;

    /// <summary>Below this similarity to its nearest red-flag example a message is never flagged by the net.</summary>
    public double MinSimilarity { get; set; } = 0.55;

    /// <summary>
    /// Between the two: flagged when nearer the red-flag example than any ordinary example by this much. 0.08
    /// (from 0.12, with <see cref="CrisisMargin"/> 0.15 -> 0.10): the net alone found 197 rather than 183 of the
    /// three safety probes' 300 urgent messages, for 11 more ordinary messages flagged over all 43 sets
    /// (0.5 % of them, under the 2 % allowed; docs/quality.md).
    /// </summary>
    public double Margin { get; set; } = 0.08;

    /// <summary>
    /// A crisis said in a patient's own words lies far from every ordinary example but also from its own
    /// examples ("dont really see myself being around much longer" is 0.49 from the nearest, and 0.34 from
    /// any ordinary one): nearer a crisis example than this, a wider margin flags it.
    /// </summary>
    public double CrisisMinSimilarity { get; set; } = 0.48;

    /// <summary>The margin over every ordinary example that a message below MinSimilarity needs to be flagged as a crisis.</summary>
    public double CrisisMargin { get; set; } = 0.10;
}
