using System.Text;

namespace AcuBot.Knowledge.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted (with its contents) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "acubot-knowledge-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes UTF-8 text (no BOM) to <paramref name="relativePath"/>, creating folders as needed.</summary>
    public string WriteText(string relativePath, string text) =>
        WriteBytes(relativePath, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
