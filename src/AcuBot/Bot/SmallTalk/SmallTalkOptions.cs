namespace AcuBot.Bot.SmallTalk;

/// <summary>How small talk is recognised by meaning (SmallTalkExamples); bound from "SmallTalk", measured in docs/quality.md.</summary>
public sealed class SmallTalkOptions
{
    public const string Section = "SmallTalk";

    /// <summary>Whether a message the patterns do not know is compared with the examples of small talk. Off only for measuring.</summary>
    public bool ByMeaning { get; set; } = true;

    /// <summary>Below this similarity to its nearest example of small talk a message is not small talk by meaning.</summary>
    public double MinSimilarity { get; set; } = 0.5;

    /// <summary>
    /// How much nearer an example of small talk the message must be than every question of the knowledge (the
    /// passages' and their question files') and every question it does not answer: "what can you do for back
    /// pain" is near "what can you do", but nearer still to a question the article answers.
    /// </summary>
    public double Margin { get; set; } = 0.02;

    /// <summary>A message longer than this many words holds more than small talk: the search reads it.</summary>
    public int MaxWords { get; set; } = 16;
}
