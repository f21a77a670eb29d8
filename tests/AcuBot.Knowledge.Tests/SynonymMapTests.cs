using AcuBot.Knowledge.Search;
using AcuBot.Knowledge.Tests.Support;

namespace AcuBot.Knowledge.Tests;

public class SynonymMapTests
{
    private readonly PassageAnalyzer _analyzer = new();

    private string Stem(string word) => Assert.Single(_analyzer.Terms(word));

    private SynonymMap Parse(string text, out IReadOnlyList<string> problems) => SynonymMap.Parse(text, _analyzer, out problems);

    [Fact]
    public void Each_line_is_a_group_and_every_word_maps_to_the_others_in_analysed_form()
    {
        var map = Parse("hurt, painful, sore\nneedle, pin\n", out var problems);

        Assert.Empty(problems);
        Assert.Equal(5, map.Count);
        Assert.Equal(new[] { Stem("painful"), Stem("sore") }.Order(), map.AlternativesOf(Stem("hurt")));
        Assert.Equal(new[] { Stem("hurt"), Stem("painful") }.Order(), map.AlternativesOf(Stem("sore")));
        Assert.Equal([Stem("needle")], map.AlternativesOf("pin"));
        Assert.DoesNotContain(Stem("hurt"), map.AlternativesOf(Stem("hurt")));
    }

    [Fact]
    public void Plural_and_singular_meet_at_the_same_stem_as_the_analyser_produces()
    {
        var map = Parse("Needles, PIN\n", out _);

        Assert.Equal(Stem("needle"), Stem("needles"));
        Assert.Equal(_analyzer.Terms("How long do the needles stay in?").Single(t => t.StartsWith("need")), Stem("needle"));
        Assert.Equal(["pin"], map.AlternativesOf(Stem("needle")));
        Assert.Equal(["pin"], map.AlternativesOf(Stem("needles")));
        Assert.Empty(map.AlternativesOf("needles")); // the raw word is not a key: only analysed terms are
    }

    [Fact]
    public void Word_in_two_groups_gets_the_alternatives_of_both()
    {
        var map = Parse("scared, anxiety\nstress, anxiety\n", out _);

        Assert.Equal(new[] { Stem("scared"), Stem("stress") }.Order(), map.AlternativesOf(Stem("anxiety")));
        Assert.Equal([Stem("anxiety")], map.AlternativesOf(Stem("scared")));
    }

    [Fact]
    public void Comment_lines_trailing_comments_and_blank_lines_are_ignored()
    {
        var map = Parse("# hurt, sore\n\n   \nneedle, pin # trailing, comment\n", out var problems);

        Assert.Empty(problems);
        Assert.Equal(2, map.Count);
        Assert.Empty(map.AlternativesOf(Stem("hurt")));
        Assert.Empty(map.AlternativesOf(Stem("comment")));
        Assert.Equal(["pin"], map.AlternativesOf(Stem("needle")));
    }

    [Fact]
    public void Multi_word_entry_is_reported_with_its_line_and_skipped_while_the_rest_of_the_group_stays()
    {
        var map = Parse("needle, pin\nbackache, back pain, lumbago\n", out var problems);

        var problem = Assert.Single(problems);
        Assert.Contains("line 2", problem);
        Assert.Contains("'back pain'", problem);
        Assert.Equal([Stem("lumbago")], map.AlternativesOf(Stem("backache")));
        Assert.Empty(map.AlternativesOf("back"));
        Assert.Empty(map.AlternativesOf("pain"));
    }

    [Fact]
    public void Stop_word_entry_is_reported()
    {
        Parse("expect, happen, like\n", out var problems);

        Assert.Contains("'like'", Assert.Single(problems));
    }

    [Fact]
    public void Group_left_with_a_single_word_adds_nothing()
    {
        var map = Parse("acupuncture, the\n", out var problems);

        Assert.Single(problems);
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void Empty_text_gives_an_empty_map()
    {
        var map = Parse("", out var problems);

        Assert.Equal(0, map.Count);
        Assert.Empty(problems);
        Assert.Empty(SynonymMap.Empty.AlternativesOf("needl"));
    }

    [Fact]
    public void Seed_synonym_file_maps_stay_to_remain()
    {
        var map = Parse(File.ReadAllText(RepositoryPaths.SynonymsFile), out _);

        Assert.Contains(Stem("remain"), map.AlternativesOf(Stem("stay")));
        Assert.Contains("pin", map.AlternativesOf(Stem("needles")));
    }

    [Fact]
    public void Seed_synonym_file_has_no_problem_entries()
    {
        Parse(File.ReadAllText(RepositoryPaths.SynonymsFile), out var problems);

        Assert.Empty(problems);
    }
}
