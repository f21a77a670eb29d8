using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Bot.SmallTalk;

/// <summary>
/// Example messages of each kind of small talk (small-talk-examples.txt, built in) as sentence vectors: the
/// ways of saying hello, thanks or goodbye are too many for patterns ("you have the patience of a saint",
/// "k cool", "hello, messaging for my wife"), but they lie close together in meaning, and far from the
/// questions the knowledge answers.
/// </summary>
public sealed class SmallTalkExamples
{
    public const string Resource = "AcuBot.small-talk-examples.txt";

    private readonly (SmallTalkIntent Intent, string Text)[] _examples;
    private readonly float[][] _vectors;

    private SmallTalkExamples((SmallTalkIntent, string)[] examples, float[][] vectors)
    {
        _examples = examples;
        _vectors = vectors;
    }

    /// <summary>The examples' vectors (shared arrays: callers must not change them).</summary>
    public IReadOnlyList<float[]> Vectors => _vectors;

    /// <summary>The examples of the built-in file: one a line under a heading "[greeting]", "[thanks]"... naming its kind.</summary>
    public static IReadOnlyList<(SmallTalkIntent Intent, string Text)> Parse(string text)
    {
        var examples = new List<(SmallTalkIntent, string)>();
        SmallTalkIntent? intent = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
                intent = Enum.TryParse<SmallTalkIntent>(line[1..^1], ignoreCase: true, out var named)
                    ? named
                    : throw new FormatException($"Unknown kind of small talk: {line}");
            else if (intent is { } kind) examples.Add((kind, line));
            else throw new FormatException($"A small-talk example before any heading: {line}");
        }
        return examples;
    }

    /// <summary>Reads the built-in examples and embeds them (through the vector cache, so a restart does not embed them again).</summary>
    public static SmallTalkExamples Build(ISentenceEmbedder model, PassageVectorCache cache)
    {
        using var stream = typeof(SmallTalkExamples).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The built-in resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var examples = Parse(reader.ReadToEnd()).ToArray();
        return new SmallTalkExamples(examples, cache.VectorsFor(examples.Select(e => e.Text).ToArray(), model));
    }

    /// <summary>The example nearest in meaning to the message, its kind and its cosine.</summary>
    public (SmallTalkIntent Intent, string Text, float Similarity) Nearest(ReadOnlySpan<float> message)
    {
        var (best, similarity) = Knowledge.Embeddings.Vectors.Nearest(message, _vectors);
        return (_examples[best].Intent, _examples[best].Text, similarity);
    }
}
