using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// Questions patients ask that the clinic's documents do not answer (knowledge/not-answered.txt: prices,
/// other conditions, other treatments, children...), as sentence vectors. They mark where the questions
/// that only sound like the documents lie: "can my 11 year old have acupuncture?" is as close in meaning
/// to "who can benefit" as a real question about it, but closer still to "is it ok for children?". The
/// search step answers by meaning when a passage is clearly nearer the question than every example here,
/// and not at all when an example is clearly nearer than the passage (docs/quality.md has the measurements).
/// </summary>
public sealed class NotAnsweredExamples
{
    /// <summary>Examples read from the file at most: each costs one vector's comparison in every turn.</summary>
    public const int MaxExamples = 5_000;

    /// <summary>An example is a question, not a passage: a longer line is a mistake in the file.</summary>
    public const int MaxLength = 300;

    private readonly float[][] _vectors;

    private NotAnsweredExamples(IReadOnlyList<string> questions, float[][] vectors)
    {
        Questions = questions;
        _vectors = vectors;
    }

    public IReadOnlyList<string> Questions { get; }

    /// <summary>The vector of <see cref="Questions"/>[<paramref name="index"/>] (a shared array: callers must not change it).</summary>
    public float[] VectorOf(int index) => _vectors[index];

    /// <summary>
    /// The questions of the file: one a line; blank lines and lines starting with # (the kinds' headings)
    /// are not questions. Lines over <see cref="MaxLength"/> and those past <see cref="MaxExamples"/> are
    /// left out, each named in <paramref name="problems"/>.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text, out IReadOnlyList<string> problems)
    {
        var questions = new List<string>();
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || !seen.Add(line)) continue;
            if (line.Length > MaxLength)
                found.Add($"line {lineNumber}: longer than {MaxLength} characters, left out (one question a line)");
            else if (questions.Count == MaxExamples)
            {
                found.Add($"line {lineNumber}: more than {MaxExamples} questions, the rest left out");
                break;
            }
            else questions.Add(line);
        }
        problems = found;
        return questions;
    }

    /// <summary>Embeds the questions (through the vector cache, so a restart does not embed them again).</summary>
    public static NotAnsweredExamples Build(IReadOnlyList<string> questions, ISentenceEmbedder model, PassageVectorCache cache) =>
        new(questions, questions.Count == 0 ? [] : cache.VectorsFor(questions, model));

    /// <summary>The example nearest in meaning to <paramref name="query"/> and its cosine; null when there is none.</summary>
    public (float Similarity, string Question)? Nearest(ReadOnlySpan<float> query)
    {
        var (best, similarity) = Vectors.Nearest(query, _vectors);
        return best < 0 ? null : (similarity, Questions[best]);
    }
}
