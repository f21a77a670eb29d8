using AcuBot.Bot;
using AcuBot.Cli;
using AcuBot.Knowledge;
using AcuBot.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;

namespace AcuBot.Benchmarks;

/// <summary>The knowledge bases of the benchmarks, in the order they are reported.</summary>
public enum Corpus { Seed, Passages10k, Passages100k }

/// <summary>The knowledge bases measured: the clinic's seed folder, and generated folders of 10,000 and 100,000 passages.</summary>
public static class Corpora
{
    public const string Seed = "seed", TenThousand = "10k", HundredThousand = "100k";

    public static readonly string[] All = [Seed, TenThousand, HundredThousand];

    public static string Name(Corpus corpus) => corpus switch
    {
        Corpus.Passages10k => TenThousand,
        Corpus.Passages100k => HundredThousand,
        _ => Seed,
    };

    public static string Folder(string name) => name switch
    {
        Seed => RepoPaths.SeedKnowledge,
        TenThousand => KnowledgeGenerator.EnsureFolder(10_000),
        HundredThousand => KnowledgeGenerator.EnsureFolder(100_000),
        _ when int.TryParse(name.TrimEnd('k', 'K'), out var n) && name.EndsWith('k') => KnowledgeGenerator.EnsureFolder(n * 1000),
        _ when int.TryParse(name, out var n) => KnowledgeGenerator.EnsureFolder(n),
        _ => Path.GetFullPath(name),
    };
}

/// <summary>
/// The bot in process, as the CLI runs it (<see cref="CliHost"/>): the same settings file and services as
/// the server, with the knowledge folder given and the unanswered-question log off.
/// </summary>
public sealed class BotInProcess : IDisposable
{
    private readonly CliHost _host;

    public BotInProcess(string corpus)
    {
        _host = new CliHost([$"--Knowledge:Folder={Corpora.Folder(corpus)}", "--Unanswered:Enabled=false"], RepoPaths.Root);
        Bot = _host.Services.GetRequiredService<ClinicBot>();
        Finisher = _host.Services.GetRequiredService<ReplyFinisher>();
        Index = _host.Services.GetRequiredService<KnowledgeService>().Current.Index;
    }

    public ClinicBot Bot { get; }
    public ReplyFinisher Finisher { get; }
    public KnowledgeIndex Index { get; }

    public void Dispose() => _host.Dispose();
}
