namespace AcuBot.Unanswered;

/// <summary>
/// The unanswered-question database holds what patients typed: on Unix it is created readable and
/// writable by its owner only (0600, its folder 0700 when the bot creates it), and an existing file is
/// brought down to that. SQLite gives its -wal and -shm files the database's own permissions.
/// </summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder and an empty database file, owner-only, before SQLite opens it.</summary>
    public static void Prepare(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, OwnerFolder);
        if (!File.Exists(path))
        {
            try
            {
                using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
            }
            catch (IOException) when (File.Exists(path))
            {
                // created meanwhile by another process; restricted below
            }
        }
        Restrict(path);
    }

    /// <summary>Sets the database and its companion files to owner read/write.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(file)) File.SetUnixFileMode(file, OwnerReadWrite);
    }
}
