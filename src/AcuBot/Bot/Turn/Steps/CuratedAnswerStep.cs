using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>
/// A clinic's curated answer, when the patient's question means its question (or one of its "Also
/// asked" forms): judged by the similarity of the two questions' sentence vectors, not by shared words
/// alone, so "what happens at the first visit?" is not answered with the price of a first visit. Without
/// the model, a strong lexical match of the whole curated passage decides.
/// </summary>
public sealed class CuratedAnswerStep(AnswerComposer composer, ConversationMemory memory, IOptionsMonitor<AnswerOptions> answers, IOptions<SearchTuning> search) : ITurnStep
{
    public string Name => "curated";

    public async ValueTask<BotReply?> TryAnswerAsync(TurnSignals turn, CancellationToken cancellationToken)
    {
        var options = answers.CurrentValue;
        var result = await turn.SearchAsync(search.Value.Retrieval, SearchStep.MaxHits, cancellationToken);
        var curated = result.Hits.FirstOrDefault(h => h.Passage.Kind == PassageKind.Curated && MeansTheCuratedQuestion(h, options));
        if (curated is null) return null;
        var others = result.Hits.Where(h => h != curated).ToArray();
        return memory.Remember(turn, composer.Compose(curated, others, turn.Knowledge.Index.Knowledge, options));
    }

    /// <summary>
    /// Only a close likeness of the questions counts. Measured against "How much does a first visit
    /// cost?": "what do you charge" 0.83, "whats the price" 0.71, but "how long is the first visit" 0.68
    /// and "what happens at the first visit" 0.64; shared words would not tell these apart either (the
    /// curated passage covers "first visit" entirely). A price question below the bar gets the honest
    /// fallback, and the clinic can add its wording as an "Also asked" form.
    /// </summary>
    private static bool MeansTheCuratedQuestion(SearchHit hit, AnswerOptions options) => hit.QuestionCosine >= 0
        ? hit.QuestionCosine >= options.CuratedSimilarity
        : hit.Confidence >= options.CuratedThreshold;
}
