using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AcuBot.Knowledge.Embeddings;

/// <summary>
/// Vectors on disk (the passages', the red-flag examples'), keyed by a hash of the model and the exact
/// text embedded, so that a restart or a reload embeds only what is new or changed (100,000 passages take minutes to embed, seconds to
/// read). The file is rewritten with the current passages only, so it never grows past the knowledge.
/// A missing, foreign or damaged file is ignored and rebuilt: it is a cache, never the source of truth.
/// </summary>
public sealed class PassageVectorCache(string? path, ILogger logger)
{
    private const int FormatVersion = 1;

    private static readonly Action<ILogger, string, string, Exception?> LogCacheIgnored = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(2107, "VectorCacheIgnored"), "Ignored the vector cache {File} ({Reason}); its texts are embedded again");

    private static readonly Action<ILogger, string, string, Exception?> LogCacheNotWritten = LoggerMessage.Define<string, string>(LogLevel.Warning,
        new EventId(2108, "VectorCacheNotWritten"), "Could not write the vector cache {File} ({Reason}); the next start embeds its texts again");
    private const int EmbedBatch = 16;

    /// <summary>The file as read by <see cref="CountMissing"/>, so that <see cref="VectorsFor"/> does not read it again.</summary>
    private (string ModelId, Dictionary<UInt128, float[]> Vectors)? _read;

    /// <summary>How many of the texts the file does not hold: what <see cref="VectorsFor"/> would have to embed.</summary>
    public int CountMissing(IReadOnlyList<string> texts, ISentenceEmbedder model)
    {
        var stored = Read(model);
        _read = (model.ModelId, stored);
        return texts.Count(t => !stored.ContainsKey(KeyOf(model.ModelId, t)));
    }

    /// <summary>The vector of each text, from the file where it is there, from the model where not.</summary>
    public float[][] VectorsFor(IReadOnlyList<string> texts, ISentenceEmbedder model, CancellationToken cancellationToken = default)
    {
        var keys = texts.Select(t => KeyOf(model.ModelId, t)).ToArray();
        var stored = _read is { } read && read.ModelId == model.ModelId ? read.Vectors : Read(model);
        _read = null; // the vectors are the caller's from here on
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (stored.TryGetValue(keys[i], out var vector)) vectors[i] = vector;
            else missing.Add(i);
        }
        // Texts of similar length together (a call pads each text to the longest), a call per core at once.
        var chunks = missing.OrderBy(i => texts[i].Length).Chunk(EmbedBatch).ToArray();
        Parallel.ForEach(chunks, new ParallelOptions { CancellationToken = cancellationToken }, chunk =>
        {
            var embedded = model.Embed(chunk.Select(i => texts[i]).ToArray(), cancellationToken);
            for (var j = 0; j < chunk.Length; j++) vectors[chunk[j]] = embedded[j];
        });
        var current = keys.ToHashSet();
        if (missing.Count > 0 || stored.Count != current.Count || !current.SetEquals(stored.Keys)) Write(model, keys, vectors);
        return vectors;
    }

    private string? PathOf() => string.IsNullOrEmpty(path) ? null : path;

    private static UInt128 KeyOf(string modelId, string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + text), hash);
        return new UInt128(upper: BitConverter.ToUInt64(hash), lower: BitConverter.ToUInt64(hash[8..]));
    }

    private Dictionary<UInt128, float[]> Read(ISentenceEmbedder model)
    {
        var vectors = new Dictionary<UInt128, float[]>();
        if (PathOf() is not { } file || !File.Exists(file)) return vectors;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(file));
            if (reader.ReadInt32() != FormatVersion || reader.ReadString() != model.ModelId || reader.ReadInt32() != model.Dimensions)
                return vectors;
            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var upper = reader.ReadUInt64();
                var key = new UInt128(upper, reader.ReadUInt64());
                var vector = new float[model.Dimensions];
                for (var d = 0; d < vector.Length; d++) vector[d] = reader.ReadSingle();
                vectors[key] = vector;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException)
        {
            LogCacheIgnored(logger, file, ex.Message, null);
            vectors.Clear();
        }
        return vectors;
    }

    private void Write(ISentenceEmbedder model, UInt128[] keys, float[][] vectors)
    {
        if (PathOf() is not { } file) return;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            // Written beside and moved into place: a reader (another instance, a crash) never sees half a file.
            var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(FormatVersion);
                writer.Write(model.ModelId);
                writer.Write(model.Dimensions);
                var written = new HashSet<UInt128>();
                var unique = Enumerable.Range(0, keys.Length).Where(i => written.Add(keys[i])).ToArray();
                writer.Write(unique.Length);
                foreach (var i in unique)
                {
                    writer.Write((ulong)(keys[i] >> 64));
                    writer.Write((ulong)keys[i]);
                    foreach (var value in vectors[i]) writer.Write(value);
                }
            }
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCacheNotWritten(logger, file, ex.Message, null);
        }
    }
}
