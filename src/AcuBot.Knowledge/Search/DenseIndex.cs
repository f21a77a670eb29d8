using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Embeddings;

namespace AcuBot.Knowledge.Search;

/// <summary>
/// The passages as sentence vectors, for retrieval by meaning where the patient's words differ from the
/// article's. An article passage is embedded with its section title (and a list item with the sentence
/// that introduces it), so "Minimal Side Effects: ..." is found as a benefit. A curated answer is found
/// by its answer and by each of its questions, which are kept apart so that the turn can tell a question
/// that means the curated one from one that only shares its subject. An article passage is also found by
/// the questions a question file gives it: a patient's question is much nearer another question than the
/// sentence that answers it.
/// </summary>
public sealed class DenseIndex
{
    private readonly float[][] _rows;
    private readonly int[] _passageOfRow;
    private readonly bool[] _rowIsQuestion;

    private DenseIndex(float[][] rows, int[] passageOfRow, bool[] rowIsQuestion)
    {
        _rows = rows;
        _passageOfRow = passageOfRow;
        _rowIsQuestion = rowIsQuestion;
    }

    public int Rows => _rows.Length;

    public static DenseIndex Build(KnowledgeBase knowledge, ISentenceEmbedder model, PassageVectorCache cache, CancellationToken cancellationToken = default)
    {
        var (texts, passages, isQuestion) = RowsOf(knowledge);
        var vectors = cache.VectorsFor(texts, model, cancellationToken);
        return new DenseIndex(vectors, passages.ToArray(), isQuestion.ToArray());
    }

    /// <summary>How many texts of the knowledge the cache lacks: the model calls a <see cref="Build"/> would make.</summary>
    public static int TextsToEmbed(KnowledgeBase knowledge, ISentenceEmbedder model, PassageVectorCache cache) =>
        cache.CountMissing(RowsOf(knowledge).Texts, model);

    private static (List<string> Texts, List<int> Passages, List<bool> IsQuestion) RowsOf(KnowledgeBase knowledge)
    {
        var texts = new List<string>();
        var passages = new List<int>();
        var isQuestion = new List<bool>();
        foreach (var passage in knowledge.Passages)
        {
            texts.Add(TextToEmbed(passage));
            passages.Add(passage.Id);
            isQuestion.Add(false);
            foreach (var question in passage.Questions.Concat(passage.AskedAs))
            {
                texts.Add(question);
                passages.Add(passage.Id);
                isQuestion.Add(true);
            }
        }
        return (texts, passages, isQuestion);
    }

    /// <summary>What the model reads for a passage: enough context to stand on its own.</summary>
    public static string TextToEmbed(Passage passage) => passage.Kind == PassageKind.Curated
        ? passage.Text
        : passage.LeadIn is { } leadIn
            ? $"{passage.Section.Title}. {leadIn.Text} {passage.Text}"
            : $"{passage.Section.Title}. {passage.Text}";

    /// <summary>
    /// Every passage's similarity to the query (the best of its vectors), and for curated passages the
    /// best similarity of their questions alone. Brute force: at 100,000 passages one query is ~40 M
    /// multiply-adds, a few milliseconds, and exact.
    /// </summary>
    public DenseScores Score(float[] query, int passageCount)
    {
        var passage = new float[passageCount];
        var question = new float[passageCount];
        Array.Fill(passage, -1f);
        Array.Fill(question, -1f);
        for (var row = 0; row < _rows.Length; row++)
        {
            var id = _passageOfRow[row];
            if ((uint)id >= (uint)passageCount) continue;
            var cosine = Vectors.Dot(query, _rows[row]);
            if (cosine > passage[id]) passage[id] = cosine;
            if (_rowIsQuestion[row] && cosine > question[id]) question[id] = cosine;
        }
        return new DenseScores(passage, question);
    }
}

/// <summary>One query's similarity to every passage (-1 where a passage has no vector).</summary>
public sealed class DenseScores(float[] passage, float[] question)
{
    /// <summary>The passage's best similarity to the query, by its text or its questions (curated, or from a question file).</summary>
    public float Of(int passageId) => passage[passageId];

    /// <summary>How close the passage's questions (curated, or from a question file) come to the query; -1 for a passage without any.</summary>
    public float OfQuestions(int passageId) => question[passageId];

    /// <summary>The best similarity of any passage (by its text or its questions); -1 when no passage has a vector.</summary>
    public float Highest() => passage.Length == 0 ? -1f : passage.Max();

    /// <summary>The ids of the <paramref name="count"/> most similar passages, best first (ties: lower id first).</summary>
    public int[] Top(int count)
    {
        // One pass keeping the best few in order: sorting 100,000 scores for five would cost more than the scoring.
        var best = new List<int>(count + 1);
        for (var id = 0; id < passage.Length; id++)
        {
            if (passage[id] <= -1f) continue;
            if (best.Count == count && passage[id] <= passage[best[^1]]) continue;
            var at = best.Count;
            while (at > 0 && passage[best[at - 1]] < passage[id]) at--;
            best.Insert(at, id);
            if (best.Count > count) best.RemoveAt(count);
        }
        return best.ToArray();
    }
}
