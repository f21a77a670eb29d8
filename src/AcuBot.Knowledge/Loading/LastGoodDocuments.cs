namespace AcuBot.Knowledge.Loading;

/// <summary>A file whose current state the bot does not answer from, and why.</summary>
/// <param name="Until">When a vanished or shrunk file will be accepted as it is if it stays so; null for a file that cannot be read.</param>
public sealed record HeldBackFile(string File, string Reason, DateTimeOffset? Until);

/// <summary>A deletion or sharp shrink that was held back and is now accepted, because the file stayed so.</summary>
public sealed record AcceptedChange(string File, string Change);

/// <summary>What one reload answers from, file by file, and the state the next reload starts from.</summary>
public sealed record DocumentSelection(
    IReadOnlyList<(string Name, DocumentContent Content)> Documents,
    IReadOnlyList<HeldBackFile> HeldBack,
    IReadOnlyList<AcceptedChange> Accepted,
    LastGoodDocuments Next);

/// <summary>
/// Per knowledge file, the last version the bot answered from, and the choice on each reload between the
/// file as it is now and that last good version. A reload can land in the middle of a save: an editor
/// truncates before it writes, a copy is half done, a sync tool deletes and recreates. So a file that
/// cannot be read keeps its last good version until it is fixed, and a file that vanished or lost most
/// of itself keeps it until it has stayed exactly so for the hold time, after which the deletion or the
/// shrink is taken as meant. Every other file is used as it is, whatever happens to the held-back one.
/// Immutable: a reload that fails to build leaves the state in use untouched.
/// </summary>
public sealed class LastGoodDocuments
{
    private const string DeletedFingerprint = "(deleted)";

    private readonly IReadOnlyDictionary<string, DocumentContent> _inUse;
    private readonly IReadOnlyDictionary<string, Suspect> _suspects;

    private LastGoodDocuments(IReadOnlyDictionary<string, DocumentContent> inUse, IReadOnlyDictionary<string, Suspect> suspects)
    {
        _inUse = inUse;
        _suspects = suspects;
    }

    /// <summary>Before the first load: nothing to fall back on, so every readable file is used as it is.</summary>
    public static LastGoodDocuments None { get; } = new(new Dictionary<string, DocumentContent>(), new Dictionary<string, Suspect>());

    /// <summary>A file seen vanished or shrunk, in the state first seen at <see cref="Since"/>.</summary>
    private sealed record Suspect(string Fingerprint, DateTimeOffset Since);

    /// <param name="files">The folder as read now.</param>
    /// <param name="holdBackFor">How long a vanished or shrunk file must stay unchanged before it is accepted.</param>
    public DocumentSelection Choose(IReadOnlyList<DocumentFile> files, TimeSpan holdBackFor, DateTimeOffset now)
    {
        var present = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var inUse = new Dictionary<string, DocumentContent>(StringComparer.Ordinal);
        var suspects = new Dictionary<string, Suspect>(StringComparer.Ordinal);
        var documents = new List<(string, DocumentContent)>();
        var heldBack = new List<HeldBackFile>();
        var accepted = new List<AcceptedChange>();

        // Ordinal order, as the loader reads the folder, so passage ids do not depend on what is held back.
        foreach (var name in present.Keys.Union(_inUse.Keys).Order(StringComparer.Ordinal))
        {
            var file = present.GetValueOrDefault(name);
            var lastGood = _inUse.GetValueOrDefault(name);
            DocumentContent? use;
            if (file is { Content: null })
            {
                // Nothing to accept in a file that cannot be read: its last good version stays until it is fixed.
                use = lastGood;
                heldBack.Add(new HeldBackFile(name, lastGood is null
                    ? $"it could not be read ({file.Problem}); it gives no answers until it is fixed"
                    : $"it could not be read ({file.Problem}); the bot answers from its last good version until it is fixed", null));
            }
            else if (lastGood is null || (file is not null && LossOf(lastGood, file.Content!) is null))
            {
                use = file!.Content;
            }
            else
            {
                var change = file is null ? "it was deleted" : LossOf(lastGood, file.Content!)!;
                var fingerprint = file?.Fingerprint ?? DeletedFingerprint;
                var since = _suspects.TryGetValue(name, out var seen) && seen.Fingerprint == fingerprint ? seen.Since : now;
                if (now - since >= holdBackFor)
                {
                    use = file?.Content;
                    accepted.Add(new AcceptedChange(name, change));
                }
                else
                {
                    use = lastGood;
                    suspects[name] = new Suspect(fingerprint, since);
                    heldBack.Add(new HeldBackFile(name,
                        $"{change}; the bot answers from its last good version until the file has stayed so for {holdBackFor:c}", since + holdBackFor));
                }
            }
            if (use is null) continue;
            inUse[name] = use;
            documents.Add((name, use));
        }
        return new DocumentSelection(documents, heldBack, accepted, new LastGoodDocuments(inUse, suspects));
    }

    /// <summary>
    /// Why <paramref name="now"/> looks like a version cut short rather than an edit: no passages left, or
    /// less than half the bytes or the passages of the last good version. Null for an ordinary edit.
    /// </summary>
    private static string? LossOf(DocumentContent lastGood, DocumentContent now)
    {
        if (now.PassageCount == 0 && lastGood.PassageCount > 0)
            return $"it has no passages left (it had {lastGood.PassageCount})";
        if (now.Bytes * 2 < lastGood.Bytes)
            return $"it shrank from {lastGood.Bytes} to {now.Bytes} bytes";
        if (now.PassageCount * 2 < lastGood.PassageCount)
            return $"it went from {lastGood.PassageCount} to {now.PassageCount} passages";
        return null;
    }
}
