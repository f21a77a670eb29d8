using AcuBot.Knowledge.Loading;
using AcuBot.Knowledge.Parsing;

namespace AcuBot.Knowledge.Tests;

/// <summary>The per-file choice a reload makes between a knowledge file as it is now and its last good version.</summary>
public sealed class LastGoodDocumentsTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A file of <paramref name="passages"/> paragraphs, <paramref name="bytes"/> long; the fingerprint tells versions apart.</summary>
    private static DocumentFile File(string name, int passages, long bytes, string version = "v1") =>
        new(name, $"{name} {version}", new DocumentContent(
            [new ParsedSection("Section", Enumerable.Range(0, passages).Select(i => new TextBlock($"Paragraph {i} of {version}.", false)).ToArray())], [], bytes), null);

    private static DocumentFile Unreadable(string name, string problem = "file is binary, not text") => new(name, $"{name} unreadable", null, problem);

    private static LastGoodDocuments Loaded(params DocumentFile[] files) => LastGoodDocuments.None.Choose(files, Hold, Start).Next;

    private static int PassagesOf(DocumentSelection selection, string name) => selection.Documents.Single(d => d.Name == name).Content.PassageCount;

    [Fact]
    public void An_edit_that_keeps_at_least_half_of_the_file_applies_at_once()
    {
        var selection = Loaded(File("a.md", 10, 1000)).Choose([File("a.md", 5, 500, "v2")], Hold, Start.AddSeconds(1));

        Assert.Empty(selection.HeldBack);
        Assert.Equal(5, PassagesOf(selection, "a.md"));
    }

    [Fact]
    public void A_file_that_keeps_its_size_but_loses_most_passages_is_held_back()
    {
        // E.g. an unclosed HTML comment that hides the rest of the file.
        var selection = Loaded(File("a.md", 10, 1000)).Choose([File("a.md", 4, 1000, "v2")], Hold, Start.AddSeconds(1));

        var held = Assert.Single(selection.HeldBack);
        Assert.Contains("from 10 to 4 passages", held.Reason);
        Assert.Equal(10, PassagesOf(selection, "a.md"));
    }

    [Fact]
    public void A_cut_that_changes_again_while_held_back_starts_its_hold_time_again()
    {
        var first = Loaded(File("a.md", 10, 1000)).Choose([File("a.md", 1, 100, "v2")], Hold, Start);
        var second = first.Next.Choose([File("a.md", 2, 200, "v3")], Hold, Start.AddSeconds(20));
        var third = second.Next.Choose([File("a.md", 2, 200, "v3")], Hold, Start.AddSeconds(40));

        Assert.Equal(Start.AddSeconds(50), Assert.Single(third.HeldBack).Until);
        Assert.Equal(10, PassagesOf(third, "a.md"));
        var accepted = third.Next.Choose([File("a.md", 2, 200, "v3")], Hold, Start.AddSeconds(50));
        Assert.Empty(accepted.HeldBack);
        Assert.Equal("a.md", Assert.Single(accepted.Accepted).File);
        Assert.Equal(2, PassagesOf(accepted, "a.md"));
    }

    [Fact]
    public void A_deleted_file_is_dropped_once_it_has_stayed_deleted_for_the_hold_time_and_others_apply_meanwhile()
    {
        var lastGood = Loaded(File("a.md", 3, 300), File("b.md", 3, 300));

        var held = lastGood.Choose([File("b.md", 4, 400, "v2")], Hold, Start.AddSeconds(1));
        Assert.Contains("deleted", Assert.Single(held.HeldBack).Reason);
        Assert.Equal(3, PassagesOf(held, "a.md"));
        Assert.Equal(4, PassagesOf(held, "b.md"));

        var dropped = held.Next.Choose([File("b.md", 4, 400, "v2")], Hold, Start.AddSeconds(31));
        Assert.Empty(dropped.HeldBack);
        Assert.Equal(["b.md"], dropped.Documents.Select(d => d.Name));
    }

    [Fact]
    public void An_unreadable_file_keeps_its_last_good_version_however_long_it_stays_unreadable()
    {
        var selection = Loaded(File("a.md", 3, 300)).Choose([Unreadable("a.md")], Hold, Start.AddSeconds(1));
        var later = selection.Next.Choose([Unreadable("a.md")], Hold, Start.AddDays(1));

        var held = Assert.Single(later.HeldBack);
        Assert.Contains("file is binary, not text", held.Reason);
        Assert.Null(held.Until);
        Assert.Equal(3, PassagesOf(later, "a.md"));
    }

    [Fact]
    public void An_unreadable_file_with_no_good_version_is_listed_and_gives_no_answers()
    {
        var selection = LastGoodDocuments.None.Choose([Unreadable("new.md"), File("a.md", 3, 300)], Hold, Start);

        Assert.Contains("gives no answers", Assert.Single(selection.HeldBack).Reason);
        Assert.Equal(["a.md"], selection.Documents.Select(d => d.Name));
    }

    [Fact]
    public void A_held_back_file_written_in_full_again_applies_at_once()
    {
        var held = Loaded(File("a.md", 10, 1000)).Choose([File("a.md", 0, 0, "v2")], Hold, Start);
        var whole = held.Next.Choose([File("a.md", 11, 1100, "v3")], Hold, Start.AddSeconds(1));

        Assert.Empty(whole.HeldBack);
        Assert.Equal(11, PassagesOf(whole, "a.md"));
    }
}
