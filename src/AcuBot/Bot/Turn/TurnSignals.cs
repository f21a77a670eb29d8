using System.Collections.Frozen;
using AcuBot.Bot.Conversation;
using AcuBot.Bot.Safety;
using AcuBot.Knowledge;
using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Search;

namespace AcuBot.Bot.Turn;

/// <summary>
/// What the steps of one turn know about the message, each worked out once and shared: its text and
/// words, the knowledge snapshot it is answered from (the same one for every step, even if a reload
/// swaps in another meanwhile), its sentence vector and its similarity to every passage, and the
/// conversation's last answer.
/// </summary>
public sealed class TurnSignals(string text, string? conversationId, KnowledgeSnapshot knowledge, BatchingEmbedder? embedder, ConversationState? context)
{
    private Task<float[]?>? _vector;
    private Task<float[]?>? _searchVector;
    private string? _searchText;
    private Task<IReadOnlyList<(string Clause, float[] Vector)>>? _clauseVectors;
    private Task<DenseScores?>? _dense;
    private Task<float?>? _notAnswered;
    private Task<SearchResult>? _search;
    private IReadOnlySet<string>? _incidental;

    /// <summary>The red-flag patterns read at most this much of a message (a pasted essay included), so their cost stays bounded.</summary>
    public const int MaxReadForRedFlags = 20_000;

    public string Text { get; } = text;
    public MessageText Message { get; } = new(text.Length <= MaxReadForRedFlags ? text : text[..MaxReadForRedFlags]);
    public string? ConversationId { get; } = conversationId;
    public KnowledgeSnapshot Knowledge { get; } = knowledge;
    public ConversationState? Context { get; } = context;

    /// <summary>A red flag only the meaning-based net saw: the reply gives urgent guidance first, then the answer.</summary>
    public RedFlagMatch? UrgentPreface { get; set; }

    /// <summary>The message's sentence vector; null when the model is not loaded or failed on this message.</summary>
    public Task<float[]?> VectorAsync(CancellationToken cancellationToken)
    {
        if (_vector is not null) return _vector;
        _vector = EmbedAsync(cancellationToken);
        // A message with a typo of the knowledge's words needs a second vector for the search: asked for now,
        // the two are embedded in one model call, not one after the other.
        _ = SearchVectorAsync(cancellationToken);
        return _vector;
    }

    /// <summary>
    /// The vector the passages are compared with: the message's, or, when it misspells words of the
    /// knowledge ("acupunture"), that of the message with them corrected. The red-flag net reads the
    /// message as written: a correction is a word of the articles, not of the patient's symptoms.
    /// </summary>
    public Task<float[]?> SearchVectorAsync(CancellationToken cancellationToken) => _searchVector ??= EmbedForSearchAsync(cancellationToken);

    /// <summary>The clauses the red-flag net reads (<see cref="MessageClauses.ToRead"/>) with their sentence vectors: none for a message of one clause or without the model.</summary>
    public Task<IReadOnlyList<(string Clause, float[] Vector)>> ClauseVectorsAsync(CancellationToken cancellationToken) => _clauseVectors ??= EmbedClausesAsync(cancellationToken);

    /// <summary>The message's similarity to every passage; null without vectors.</summary>
    public Task<DenseScores?> DenseScoresAsync(CancellationToken cancellationToken) => _dense ??= ScoreAsync(cancellationToken);

    /// <summary>
    /// How close the message comes to the nearest question the documents do not answer; null without the
    /// model or without such questions. Found once for the small-talk and search steps.
    /// </summary>
    public Task<float?> NotAnsweredSimilarityAsync(CancellationToken cancellationToken) => _notAnswered ??= NearestNotAnsweredAsync(cancellationToken);

    /// <summary>The knowledge search for the message, done once for the curated and the search steps.</summary>
    public Task<SearchResult> SearchAsync(RetrievalMode mode, int maxHits, CancellationToken cancellationToken) =>
        _search ??= SearchAsync(Text, mode, maxHits, cancellationToken);

    /// <summary>A search for other words than the message's (a follow-up with its context): not shared.</summary>
    public async Task<SearchResult> SearchAsync(string question, RetrievalMode mode, int maxHits, CancellationToken cancellationToken)
    {
        var dense = mode == RetrievalMode.Lexical ? null : await DenseScoresAsync(cancellationToken);
        var incidental = mode == RetrievalMode.Lexical ? null : await IncidentalWordsAsync(question, cancellationToken);
        // The knowledge's own words in a foreign clause ("acupuntura") still count; the rest are left out.
        if (ForeignClauses.WordsOf(question) is { Count: > 0 } foreign)
            incidental = new HashSet<string>([.. incidental ?? FrozenSet<string>.Empty, .. Knowledge.Index.UnknownWordsOf(question).Where(foreign.Contains)], StringComparer.Ordinal);
        if (question == Text) _incidental = incidental;
        return Knowledge.Index.Search(question, dense, mode, maxHits, incidental);
    }

    /// <summary>
    /// The message's search again, without the unknown words of <paramref name="first"/> that the message's
    /// meaning does not rest on: words of the patient's story around the question ("sore back from
    /// gardening all weekend, would acupuncture help?"), as opposed to its subject ("can acupuncture help
    /// fibromyalgia?"). A word is part of the story when the message without it still means nearly the
    /// same (cosine of the two at least <see cref="StoryWordSimilarity"/>). Null when no word is.
    /// Costs one model call per unknown word, so the search step asks only when its first answer failed.
    /// </summary>
    public async Task<SearchResult?> SearchWithoutStoryWordsAsync(SearchResult first, RetrievalMode mode, int maxHits, CancellationToken cancellationToken)
    {
        if (mode == RetrievalMode.Lexical || embedder is null || first.UnknownWords.Count == 0) return null;
        if (await VectorAsync(cancellationToken) is not { } message) return null;
        var words = first.UnknownWords.Take(MaxStoryWordsWeighed).ToArray();
        var without = await Task.WhenAll(words.Select(w => embedder.EmbedAsync(Without(Text, w), cancellationToken)));
        var story = words.Where((_, i) => Vectors.Dot(message, without[i]) >= StoryWordSimilarity).ToArray();
        if (story.Length == 0) return null;
        var incidental = new HashSet<string>(story, StringComparer.Ordinal);
        if (_incidental is not null) incidental.UnionWith(_incidental);
        // A subject of several words ("scientific studies", "how much ... cost") survives the loss of any
        // one of them: all the words set aside must also be left out together and still leave the meaning.
        if (incidental.Count > 1)
        {
            var withoutAll = await embedder.EmbedAsync(incidental.Aggregate(Text, Without), cancellationToken);
            if (Vectors.Dot(message, withoutAll) < StoryWordsSimilarity) return null;
        }
        return Knowledge.Index.Search(Text, await DenseScoresAsync(cancellationToken), mode, maxHits, incidental);
    }

    /// <summary>
    /// Measured on the eval sets (docs/quality.md): leaving out a story word keeps 0.91-0.99 of the
    /// message ("mornings" 0.87 is the exception), leaving out its subject keeps 0.70-0.92 ("ibs" 0.70,
    /// "neck" 0.86, "surgery" 0.92).
    /// </summary>
    public const float StoryWordSimilarity = 0.92f;

    /// <summary>The same for all of a message's story words left out together.</summary>
    public const float StoryWordsSimilarity = 0.85f;

    /// <summary>Unknown words weighed as story words per message: each costs a model call on the whole message.</summary>
    private const int MaxStoryWordsWeighed = 6;

    /// <summary><paramref name="text"/> with every whole-word occurrence of <paramref name="word"/> (any case) left out.</summary>
    private static string Without(string text, string word)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var found = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase);
            if (found < 0) break;
            var end = found + word.Length;
            var whole = (found == 0 || !char.IsLetterOrDigit(text[found - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
            result.Append(text, at, (whole ? found : end) - at);
            at = end;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// The words of <paramref name="question"/> the knowledge never uses and that carry little of the
    /// message's meaning: the word alone is far from the whole message (cosine below
    /// <see cref="IncidentalWordSimilarity"/>). "catch" in "can I catch an infection off the needles"
    /// scores 0.18, "even" in "what even is acupuncture" 0.18; the subjects the knowledge does not cover
    /// score higher ("pacemaker" 0.53, "pregnant" 0.33, "thinners" 0.24), so they keep their weight and
    /// the question still gets the honest fallback.
    /// </summary>
    private async Task<IReadOnlySet<string>?> IncidentalWordsAsync(string question, CancellationToken cancellationToken)
    {
        if (embedder is null || await VectorAsync(cancellationToken) is not { } message) return null;
        var unknown = Knowledge.Index.UnknownWordsOf(question);
        if (unknown.Count == 0) return null;
        var words = unknown.Take(MaxWordsWeighed).ToArray();
        var vectors = await Task.WhenAll(words.Select(w => embedder.EmbedAsync(w, cancellationToken)));
        var incidental = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
            if (Vectors.Dot(message, vectors[i]) < IncidentalWordSimilarity) incidental.Add(words[i]);
        return incidental;
    }

    /// <summary>Measured in docs/quality.md: between the incidental words (0.15-0.19) and the subjects (0.24 and up).</summary>
    public const float IncidentalWordSimilarity = 0.21f;

    /// <summary>Unknown words weighed by meaning per message (each costs a short model call); the rest keep their weight.</summary>
    private const int MaxWordsWeighed = 4;

    private async Task<float[]?> EmbedAsync(CancellationToken cancellationToken)
    {
        if (embedder is null) return null;
        return await embedder.EmbedAsync(Text, cancellationToken);
    }

    /// <summary>The message as the search's sentence vector reads it: typos of the knowledge's words corrected, "%" spelt out.</summary>
    private string SearchText => _searchText ??= Knowledge.Index.WithSpellingCorrected(Text);

    private async Task<float[]?> EmbedForSearchAsync(CancellationToken cancellationToken)
    {
        if (embedder is null || ReferenceEquals(SearchText, Text)) return await VectorAsync(cancellationToken);
        return await embedder.EmbedAsync(SearchText, cancellationToken);
    }

    private async Task<IReadOnlyList<(string Clause, float[] Vector)>> EmbedClausesAsync(CancellationToken cancellationToken)
    {
        var clauses = MessageClauses.ToRead(Message.Text);
        if (embedder is null || clauses.Count == 0) return [];
        // Concurrent calls: the embedder batches them into one model call with the other requests'.
        var vectors = await Task.WhenAll(clauses.Select(c => embedder.EmbedAsync(c, cancellationToken)));
        return clauses.Zip(vectors, (clause, vector) => (clause, vector)).ToArray();
    }

    private async Task<float?> NearestNotAnsweredAsync(CancellationToken cancellationToken) =>
        Knowledge.NotAnswered is { Questions.Count: > 0 } examples && await SearchVectorAsync(cancellationToken) is { } vector
            ? examples.Nearest(vector)?.Similarity
            : null;

    private async Task<DenseScores?> ScoreAsync(CancellationToken cancellationToken) =>
        Knowledge.Dense is { } dense && await SearchVectorAsync(cancellationToken) is { } vector
            ? dense.Score(vector, Knowledge.Index.Knowledge.Passages.Count)
            : null;
}
