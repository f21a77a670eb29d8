namespace AcuBot.Knowledge.Documents;

/// <summary>A heading of a document and the passages under it, in document order.</summary>
public sealed class Section(string title, string sourceFile, int ordinal)
{
    public string Title { get; } = title;

    /// <summary>The file the section came from, relative to the knowledge folder.</summary>
    public string SourceFile { get; } = sourceFile;

    /// <summary>Position of the section within all loaded sections (document order).</summary>
    public int Ordinal { get; } = ordinal;

    public List<Passage> Passages { get; } = [];

    public override string ToString() => $"{Title} ({SourceFile})";
}
