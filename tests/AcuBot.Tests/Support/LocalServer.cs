using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AcuBot.Tests.Support;

/// <summary>
/// What the tests that start a real server of their own (PostgreSQL, Redis) share: finding its programs,
/// a free loopback port, running a program to its end. Without the programs the tests are skipped, loudly,
/// on a developer's machine, and fail in CI (<c>CI</c> set), whose .ci/run installs them.
/// </summary>
public static class LocalServer
{
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The folder holding every one of <paramref name="programs"/>, looked for in PATH, then in the given folders in their order.</summary>
    public static string? FindFolder(IEnumerable<string> extraFolders, params string[] programs)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var folder in path.Concat(extraFolders))
        {
            if (!programs.All(p => File.Exists(Path.Combine(folder, p)))) continue;
            // A symlink (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb): the programs' own folder,
            // where pg_ctl looks for postgres too.
            var first = new FileInfo(Path.Combine(folder, programs[0]));
            var real = first.ResolveLinkTarget(returnFinalTarget: true)?.FullName is { } target ? Path.GetDirectoryName(target)! : folder;
            return programs.All(p => File.Exists(Path.Combine(real, p))) ? real : folder;
        }
        return null;
    }

    /// <summary>A loopback port nothing listens on right now (the caller retries if it is taken meanwhile).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>Runs a program to its end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:F0} s");
        }
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {output}");
        return output;
    }
}
