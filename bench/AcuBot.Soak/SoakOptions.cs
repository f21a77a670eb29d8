using System.Globalization;

namespace AcuBot.Soak;

/// <summary>Command-line options: <c>--minutes 3 --rate 100 --port 5199</c>.</summary>
public sealed record SoakOptions(double Minutes, int RatePerSecond, int Port, TimeSpan SampleEvery)
{
    public static SoakOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new SoakOptions(
            double.Parse(Value("--minutes") ?? "3", CultureInfo.InvariantCulture),
            int.Parse(Value("--rate") ?? "100", CultureInfo.InvariantCulture),
            int.Parse(Value("--port") ?? "5199", CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--sample-seconds") ?? "15", CultureInfo.InvariantCulture)));
    }
}
