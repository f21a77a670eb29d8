using AcuBot.Tests.Support;

namespace AcuBot.Tests.Commands;

/// <summary>Runs a command as the program would, from the repository's folder (where it finds appsettings.json).</summary>
public static class CliRun
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // The current folder is the process's: commands that depend on it take turns.
        await OneAtATime.WaitAsync();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepoPaths.Root);
        try
        {
            var exitCode = await AcuBot.Cli.CliCommands.RunAsync(args, output, error);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            OneAtATime.Release();
        }
    }
}

/// <summary>A knowledge folder of the test's own, deleted afterwards.</summary>
public sealed class ScratchKnowledge : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("acubot-check-").FullName;

    public ScratchKnowledge Write(string name, string text)
    {
        File.WriteAllText(Path.Combine(Folder, name), text);
        return this;
    }

    public ScratchKnowledge WriteBytes(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Folder, name), bytes);
        return this;
    }

    public string Setting => $"--Knowledge:Folder={Folder}";

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
