namespace AcuBot.Knowledge.Search;

/// <summary>
/// The weighted share of a question's concepts that a passage mentions, for the candidates of one search.
/// A form counts its factor; a stand-in that is everywhere in the knowledge counts only as much as it says
/// ("painful" standing in for "hurt" should not count where "pain" is merely mentioned). What each form is
/// worth depends on the question alone, so it is worked out once here, and each candidate then costs a few
/// integer lookups in its sorted term ids.
/// </summary>
internal sealed class QuestionCoverage
{
    /// <summary>Below this weight a term is in about a third of the passages or more: it says little on its own.</summary>
    private const double UbiquitousWeight = 1.0;

    private readonly double[] _conceptWeights;
    private readonly KnownForm[][] _formsOfConcept;
    private readonly double _totalWeight;

    public QuestionCoverage(IReadOnlyList<QueryConcept> concepts, TermIds termIds, Vocabulary vocabulary)
    {
        _conceptWeights = new double[concepts.Count];
        _formsOfConcept = new KnownForm[concepts.Count][];
        for (var c = 0; c < concepts.Count; c++)
        {
            var concept = concepts[c];
            _conceptWeights[c] = concept.Weight;
            _totalWeight += concept.Weight;
            var known = new List<KnownForm>(concept.Forms.Count);
            for (var f = 0; f < concept.Forms.Count; f++)
            {
                var form = concept.Forms[f];
                // A term no passage holds can never be covered.
                if (!termIds.TryGet(form.Term, out var id)) continue;
                var formWeight = vocabulary.Weight(form.Term);
                var specificity = form.Factor < 1 && formWeight < UbiquitousWeight && concept.Weight > 0
                    ? Math.Min(1, formWeight / concept.Weight)
                    : 1;
                known.Add(new KnownForm(id, form.Factor * specificity));
            }
            _formsOfConcept[c] = known.ToArray();
        }
    }

    /// <summary>The share (0 to 1) of the question that a passage with these sorted term ids covers.</summary>
    public double Of(int[] sortedTermIds)
    {
        if (_totalWeight == 0) return 0;
        double covered = 0;
        for (var c = 0; c < _formsOfConcept.Length; c++)
        {
            double credit = 0;
            foreach (var form in _formsOfConcept[c])
                if (form.Credit > credit && Holds(sortedTermIds, form.TermId))
                    credit = form.Credit;
            covered += credit * _conceptWeights[c];
        }
        return covered / _totalWeight;
    }

    /// <summary>A binary search written out: <c>Array.BinarySearch</c> goes through a comparer for every step.</summary>
    private static bool Holds(int[] sorted, int value)
    {
        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = sorted[middle];
            if (found == value) return true;
            if (found < value) low = middle + 1;
            else high = middle - 1;
        }
        return false;
    }

    private readonly record struct KnownForm(int TermId, double Credit);
}
