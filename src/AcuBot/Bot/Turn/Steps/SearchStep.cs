using AcuBot.Bot.Conversation;
using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>
/// The answer from the articles: the best passage that answers well enough, found by words and meaning
/// together. A passage answers when it covers enough of the question's words (lexical confidence), or
/// when it is close in meaning AND covers part of the question AND the question names nothing the
/// knowledge never mentions: closeness alone is not enough, since a question about a condition the
/// knowledge never names ("is acupuncture safe if I'm diabetic?") is as close to the article as a real
/// one. A passage also answers when one of the questions a question file gives it means the patient's
/// (under the same condition, or with one unknown word when the two questions are closer still: the word
/// is then the patient's way of asking). A short follow-up that leans on the last answer is searched again with
/// that answer's section as its subject. The questions the documents do not answer (knowledge/not-answered.txt)
/// weigh in both ways: a passage much nearer in meaning than all of them answers by meaning alone, and none
/// answers when one of them is nearer than the passage.
/// </summary>
public sealed class SearchStep(AnswerComposer composer, ConversationMemory memory, IOptionsMonitor<AnswerOptions> answers, IOptions<SearchTuning> search) : ITurnStep
{
    public const int MaxHits = 5;

    public string Name => "search";

    /// <summary>
    /// Below this similarity to the best passage a message is not about the articles at all ("who won the
    /// football?"), and its unknown words are not worth weighing as story words.
    /// </summary>
    private const float MinSimilarityToWeighStory = 0.3f;

    public async ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        // A bare "tell me more" with no answer before it has no subject: a passage near it in meaning is a guess.
        if (FollowUps.IsTellMeMore(turn.Message)) return null;
        // "is acupuncture better than physio?": a comparison the articles never make is not answered by the
        // passage nearest in meaning (combining treatments), however near it is.
        if (turn.Knowledge.Index.UncomparedWordsOf(turn.Text).Count > 0) return null;
        var options = answers.CurrentValue;
        var tuning = search.Value;
        var mode = tuning.Retrieval;
        // Only against passages with vectors: while they are embedded in the background the search is lexical.
        var notAnswered = mode != RetrievalMode.Lexical && tuning.UseNotAnsweredExamples && turn.Knowledge.Dense is not null
            ? await turn.NotAnsweredSimilarityAsync(cancellationToken)
            : null;
        var result = await turn.SearchAsync(mode, MaxHits, cancellationToken);
        var madeOfWords = IsMadeOfWords(turn.Message);
        var best = Choose(result, options, tuning, notAnswered, madeOfWords);
        if (best is null && result.Best is { } first && first.Cosine >= MinSimilarityToWeighStory
            && await turn.SearchWithoutStoryWordsAsync(result, mode, MaxHits, cancellationToken) is { } withoutStory)
        {
            // "sore back from gardening all weekend, would acupuncture help?": the question, not the story.
            result = withoutStory;
            best = Choose(result, options, tuning, notAnswered, madeOfWords);
        }
        if (best is null && memory.SectionOf(turn) is { } context && FollowUps.LeansOnContext(turn.Message))
        {
            // "How long does it last?" after an answer about sessions: ask again with that section as the subject.
            result = await turn.SearchAsync(turn.Text + "\n" + context.Title, mode, MaxHits, cancellationToken);
            best = Choose(result, options, tuning, notAnswered, madeOfWords);
        }
        if (best is null || IsNearerNotAnswered(best, notAnswered, options)) return null;
        var others = result.Hits.Where(h => h != best && h.Passage.Kind == PassageKind.Article).ToArray();
        return memory.Remember(turn, composer.Compose(best, others, turn.Knowledge.Index.Knowledge, options));
    }

    /// <summary>
    /// The best-ranked article passage if it answers well enough (by meaning, when it is much nearer than
    /// every question the documents do not answer; by its words; or by meaning where the question names
    /// only things the knowledge knows); otherwise the best one that covers enough of the question's words.
    /// Curated answers are the curated step's.
    /// </summary>
    private static SearchHit? Choose(SearchResult result, AnswerOptions options, SearchTuning tuning, float? notAnswered, bool isMadeOfWords)
    {
        var articles = result.Hits.Where(h => h.Passage.Kind == PassageKind.Article).ToArray();
        if (articles.Length == 0) return null;
        var top = articles[0];
        // By meaning only a question with words: "???" is near nothing, but its vector is nearer a passage than an example.
        // Its words may all be common ones ("who is it for"): the meaning is still the question's.
        if (notAnswered is { } nearest && (result.Concepts.Count > 0 || isMadeOfWords) && top.Cosine >= options.MeaningFloor
            && MarginOver(nearest, top, result, options) >= options.NotAnsweredMargin) return top;
        // Words every passage shares ("acupuncture") cover every passage fully, so the confidence says
        // nothing; and when they are all that is left of the question ("can acupuncture help me lose
        // weight?" once "lose" and "weight" were found incidental), only a close meaning answers, or the
        // passage that says what the question asks ("wat is acupunture").
        if (result.Concepts.Sum(c => c.Weight) < tuning.InformativeWeight)
            return top.Cosine >= options.AskedSimilarity || top.Defines ? top : null;
        if (top.Confidence >= options.ConfidenceThreshold) return top;
        if (result.UnknownWords.Count == 0 && top.Confidence + options.SimilarityWeight * top.Cosine >= options.CombinedThreshold) return top;
        if (result.UnknownWords.Count == 0 && top.QuestionCosine >= options.AskedSimilarity) return top;
        if (result.UnknownWords.Count == 1 && top.QuestionCosine >= options.AskedSimilarityDespiteUnknownWord) return top;
        return articles.FirstOrDefault(h => h.Confidence >= options.ConfidenceThreshold);
    }

    /// <summary>Whether every word of the message is an English word ("who is it for"), not noise ("aaaa", "asdfgh").</summary>
    private static bool IsMadeOfWords(MessageText message) =>
        message.Words.Length > 0 && message.Words.All(w => w.Length == 1 || EnglishWords.Contains(w));

    /// <summary>How clearly <paramref name="top"/> answers rather than the nearest question the documents do not answer (see <see cref="AnswerOptions.NotAnsweredMargin"/>).</summary>
    private static double MarginOver(float nearestNotAnswered, SearchHit top, SearchResult result, AnswerOptions options) =>
        top.Cosine - nearestNotAnswered + options.MarginConfidenceWeight * top.Confidence - options.MarginUnknownWordCost * result.UnknownWords.Count;

    /// <summary>Whether a question the documents do not answer is nearer the patient's than the chosen passage by the veto's margin.</summary>
    private static bool IsNearerNotAnswered(SearchHit best, float? notAnswered, AnswerOptions options) =>
        notAnswered is { } nearest && nearest - best.Cosine >= options.NotAnsweredVeto;
}
