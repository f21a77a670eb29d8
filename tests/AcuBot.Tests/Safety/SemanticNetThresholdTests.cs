using AcuBot.Bot;
using AcuBot.Bot.Safety;
using AcuBot.Knowledge.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace AcuBot.Tests.Safety;

/// <summary>
/// The meaning-based red-flag net's decision, on vectors the test chooses (the sentence model's own
/// behaviour is in SemanticRedFlagTests): very close to a red-flag example is a flag unless an ordinary
/// example is closer still; close enough is a flag only when clearly nearer the red flag than any ordinary example.
/// Thresholds are powers of two, so that the comparisons at the boundaries are exact.
/// </summary>
public sealed class SemanticNetThresholdTests
{
    private static readonly RedFlagOptions Thresholds = new() { SureSimilarity = 0.5, MinSimilarity = 0.25, Margin = 0.125 };

    private static readonly RedFlagMatch Crisis = new(RedFlagCategory.Crisis, "Thoughts of suicide");
    private static readonly RedFlagMatch Emergency = new(RedFlagCategory.Emergency, "Chest pain");

    private static SemanticEvidence Evidence(float similarity, float ordinary) =>
        new(new RedFlagExample(Emergency, "my chest hurts"), similarity, ordinary);

    [Theory]
    [InlineData(0.5f, 0.5f, true)]      // sure, and no ordinary example is nearer
    [InlineData(0.75f, 0.75f, true)]
    [InlineData(0.5f, 0.9f, false)]     // sure, but an ordinary example is nearer still ("heat or ice for a pulled muscle?")
    [InlineData(0.75f, 0.8125f, false)]
    [InlineData(0.25f, 0.125f, true)]   // close enough, and nearer by exactly the margin
    [InlineData(0.375f, 0.25f, true)]
    [InlineData(0.25f, 0.1875f, false)] // close enough, but not nearer by the margin
    [InlineData(0.375f, 0.3125f, false)]
    [InlineData(0.1875f, -1f, false)]   // below the minimum: never, however far the ordinary ones are
    [InlineData(0.4375f, 0.4375f, false)]
    public void A_message_is_flagged_when_sure_or_close_and_clearly_nearer_a_red_flag(float similarity, float ordinary, bool flagged)
    {
        Assert.Equal(flagged, Evidence(similarity, ordinary).IsRedFlag(Thresholds));
    }

    [Theory]
    [InlineData(0.1875f, -0.125f, true)]  // below the minimum, yet a crisis and far from every ordinary example
    [InlineData(0.125f, -0.125f, true)]   // at the crisis floor, by exactly the crisis margin
    [InlineData(0.1875f, 0.0625f, false)] // not by the crisis margin
    [InlineData(0.0625f, -1f, false)]     // below the crisis floor: never
    public void A_crisis_needs_less_closeness_but_a_wider_margin(float similarity, float ordinary, bool flagged)
    {
        var thresholds = new RedFlagOptions { SureSimilarity = 0.5, MinSimilarity = 0.25, Margin = 0.125, CrisisMinSimilarity = 0.125, CrisisMargin = 0.25 };

        Assert.Equal(flagged, new SemanticEvidence(new RedFlagExample(Crisis, "I want to die"), similarity, ordinary).IsRedFlag(thresholds));
        Assert.False(Evidence(similarity, ordinary).IsRedFlag(thresholds)); // an emergency example as near is not enough
    }

    [Fact]
    public void Without_any_red_flag_example_nothing_is_flagged()
    {
        Assert.False(new SemanticEvidence(null, 1f, -1f).IsRedFlag(Thresholds));
        Assert.Null(new SemanticRedFlagNet([], [], []).Match([1f, 0f], Thresholds));
    }

    [Fact]
    public void The_nearest_red_flag_example_and_the_nearest_ordinary_one_are_compared()
    {
        var net = new SemanticRedFlagNet(
            [new RedFlagExample(Crisis, "I want to die"), new RedFlagExample(Emergency, "my chest hurts")],
            [[1f, 0f, 0f], [0f, 1f, 0f]],
            [[0f, 0f, 1f], [0f, 0.6f, 0.8f]]);

        var evidence = net.Compare([0f, 0.8f, 0.6f]);

        Assert.Same(Emergency, evidence.Nearest!.Flag);
        Assert.Equal(0.8f, evidence.Similarity, 5);
        Assert.Equal(0.96f, evidence.OrdinarySimilarity, 5);
        Assert.Null(net.Match([0f, 0.8f, 0.6f], new RedFlagOptions { SureSimilarity = 0.9, MinSimilarity = 0.25, Margin = 0.125 }));
        Assert.Null(net.Match([0f, 0.8f, 0.6f], Thresholds)); // sure, yet an ordinary example is nearer still
        Assert.Same(Emergency, net.Match([0f, 1f, 0f], Thresholds));
        Assert.Same(Crisis, net.Match([0.9f, 0.1f, 0f], Thresholds));
    }

    [Fact]
    public void Far_from_every_example_the_evidence_says_so()
    {
        var net = new SemanticRedFlagNet([new RedFlagExample(Crisis, "I want to die")], [[1f, 0f]], [[0f, 1f]]);

        var evidence = net.Compare([-1f, 0f]);

        Assert.Equal(-1f, evidence.Similarity, 5);
        Assert.Equal(0f, evidence.OrdinarySimilarity, 5);
        Assert.Null(net.Match([-1f, 0f], Thresholds));
    }

    [Fact]
    public void Between_equally_near_examples_the_first_wins_so_crisis_rules_listed_first_win_ties()
    {
        var net = new SemanticRedFlagNet(
            [new RedFlagExample(Crisis, "I want to end it"), new RedFlagExample(Emergency, "I want it to end")],
            [[0f, 1f], [0f, 1f]],
            [[1f, 0f]]);

        Assert.Same(Crisis, net.Compare([0f, 1f]).Nearest!.Flag);
    }

    [Fact]
    public void Without_ordinary_examples_the_ordinary_similarity_is_the_lowest_possible()
    {
        var net = new SemanticRedFlagNet([new RedFlagExample(Crisis, "I want to die")], [[1f, 0f]], []);

        Assert.Equal(-1f, net.Compare([0.3f, 0.95f]).OrdinarySimilarity);
        Assert.Same(Crisis, net.Match([0.3f, 0.95f], Thresholds));
    }

    [Fact]
    public void Built_from_rules_the_net_embeds_every_red_flag_example_then_the_ordinary_ones()
    {
        var rules = RedFlagRules.Parse("""
            [emergency] Chest pain
            chest pain
            e.g. my chest hurts
            [crisis] Suicide
            kill myself
            e.g. I want to die
            [ordinary]
            e.g. my back aches
            e.g. does it hurt
            """, out _);
        var model = new TableEmbedder(new()
        {
            ["I want to die"] = [1f, 0f, 0f, 0f],
            ["my chest hurts"] = [0f, 1f, 0f, 0f],
            ["my back aches"] = [0f, 0f, 1f, 0f],
            ["does it hurt"] = [0f, 0f, 0f, 1f],
        });

        var net = SemanticRedFlagNet.Build(rules, model, new PassageVectorCache(null, NullLogger.Instance));

        Assert.Equal(2, net.ExampleCount);
        Assert.Equal(new RedFlagMatch(RedFlagCategory.Crisis, "Suicide"), net.Match([1f, 0f, 0f, 0f], Thresholds));
        Assert.Equal(new RedFlagMatch(RedFlagCategory.Emergency, "Chest pain"), net.Match([0f, 1f, 0f, 0f], Thresholds));
        Assert.Null(net.Match([0f, 0f, 1f, 0f], Thresholds));
        Assert.Null(net.Match([0f, 0f, 0f, 1f], Thresholds));
        var between = net.Compare([0f, 0.6f, 0f, 0.8f]);
        Assert.Same(rules.Examples[1], between.Nearest);
        Assert.Equal(0.6f, between.Similarity, 5);
        Assert.Equal(0.8f, between.OrdinarySimilarity, 5);
    }

    /// <summary>An embedder that looks each text up in a table: the vectors the test chose.</summary>
    private sealed class TableEmbedder(Dictionary<string, float[]> table) : ISentenceEmbedder
    {
        public string ModelId => "table";

        public int Dimensions => 4;

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            texts.Select(t => table[t]).ToArray();
    }
}
