using AcuBot.Knowledge.Documents;
using AcuBot.Knowledge.Search;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Bot.Turn.Steps;

/// <summary>
/// A clinic's curated answer, when the patient's question means its question (or one of its "Also
/// asked" forms): judged by the similarity of the two questions' sentence vectors, not by shared words,
/// so "what happens at the first visit?" is not answered with the price of a first visit. Without the
/// model, a strong lexical match of the whole curated passage decides, as before.
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
        return memory.Remember(turn, composer.Compose(curated, others, turn.Knowledge.Index.Knowledge, options.MaxSuggestions, options.SectionOverviewThreshold));
    }

    private static bool MeansTheCuratedQuestion(SearchHit hit, AnswerOptions options) => hit.QuestionCosine >= 0
        ? hit.QuestionCosine >= options.CuratedSimilarity
        : hit.Confidence >= options.CuratedThreshold;
}
