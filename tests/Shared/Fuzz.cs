using System.Diagnostics;
using System.Runtime.CompilerServices;
using CsCheck;

namespace AcuBot.Testing.Fuzzing;

/// <summary>
/// Runs a CsCheck property deterministically. Case <c>i</c> of a property is generated from a PCG seeded
/// with (property name, base seed + i), so CI sees the same inputs on every run. When a case fails, CsCheck
/// is started from that case's seed to shrink it, and the failure names the seed to replay it with
/// <c>gen.Sample(property, seed: "...")</c>. Every case runs under a hard timeout, so a hang fails the
/// test instead of the run.
/// <para>
/// Environment variables, for longer local runs (CI uses neither):
/// <c>ACUBOT_FUZZ_ITERATIONS=N</c> runs N cases per property instead of the small default counts, e.g.
/// <c>ACUBOT_FUZZ_ITERATIONS=20000 dotnet test tests/AcuBot.Knowledge.Tests --artifacts-path /tmp/fz</c>;
/// <c>ACUBOT_FUZZ_SEED=N</c> picks another base seed (a number) to explore other inputs.
/// </para>
/// (One file in tests/Shared, compiled into every test project: test projects do not reference each other.)
/// </summary>
internal static class Fuzz
{
    public const string IterationsVariable = "ACUBOT_FUZZ_ITERATIONS";
    public const string SeedVariable = "ACUBOT_FUZZ_SEED";
    private const ulong DefaultSeed = 0xAC0B07_2025;

    /// <summary>A case slower than this fails even when it does finish.</summary>
    public static readonly TimeSpan DefaultCaseBudget = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a case may run before it counts as a hang. Well past the budget: on a busy two-core machine a
    /// task waits a second or more to be scheduled, and a case that is merely slow must be timed, not called hung.
    /// </summary>
    private static TimeSpan HangLimit(TimeSpan budget) => budget * 2 + TimeSpan.FromSeconds(2);

    /// <summary>The number of cases to run: <paramref name="defaultCount"/>, or ACUBOT_FUZZ_ITERATIONS when set.</summary>
    public static int Iterations(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable(IterationsVariable), out var n) && n > 0 ? n : defaultCount;

    private static ulong BaseSeed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : DefaultSeed;

    /// <summary>Checks <paramref name="property"/> on <paramref name="iterations"/> generated cases (see the class summary).</summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, int iterations, TimeSpan? caseBudget = null,
        Func<T, string>? print = null, [CallerMemberName] string name = "")
    {
        var budget = caseBudget ?? DefaultCaseBudget;
        var count = Iterations(iterations);
        var stream = StableHash(name);
        for (var i = 0; i < count; i++)
        {
            var (seed, value) = Case(gen, stream, i);
            // A thread of its own, timed from its start: in a full parallel test run a pool thread may wait
            // seconds before it takes the case, which says nothing about the code under test.
            var elapsed = new Stopwatch();
            using var started = new ManualResetEventSlim();
            var run = Task.Factory.StartNew(() =>
            {
                elapsed.Start();
                started.Set();
                try { property(value); }
                finally { elapsed.Stop(); }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            bool finished;
            try
            {
                started.Wait();
                finished = run.Wait(HangLimit(budget));
            }
            catch (AggregateException ex)
            {
                var failure = ex.InnerExceptions.Count == 1 ? ex.InnerExceptions[0] : ex;
                throw new FuzzFailure($"{name}: case {i} (seed \"{seed}\") failed: {failure.GetType().Name}: {failure.Message}\n" +
                                      $"input: {Show(value, print)}\n{Shrink(gen, property, seed, print)}", failure);
            }
            if (!finished)
                throw new FuzzFailure($"{name}: case {i} (seed \"{seed}\") did not finish within {HangLimit(budget)} (a hang?)\ninput: {Show(value, print)}");
            if (elapsed.Elapsed > budget)
            {
                // Slow once may be the machine (a full parallel run on two cores stalls a thread for seconds);
                // a slow input is slow every time: it must be over its budget again to fail.
                var again = Stopwatch.StartNew();
                property(value);
                if (again.Elapsed > budget)
                    throw OverBudget(name, i, seed, elapsed.Elapsed, again.Elapsed, budget, Show(value, print));
            }
        }
    }

    private static FuzzFailure OverBudget(string name, int i, string seed, TimeSpan first, TimeSpan again, TimeSpan budget, string input) =>
        new($"{name}: case {i} (seed \"{seed}\") took {first.TotalMilliseconds:F0} ms and {again.TotalMilliseconds:F0} ms run again, over the {budget.TotalMilliseconds:F0} ms budget both times\ninput: {input}");

    /// <summary>Case <paramref name="i"/> of a check: its seed (printed, to replay it) and its value.</summary>
    private static (string Seed, T Value) Case<T>(Gen<T> gen, uint stream, int i)
    {
        var pcg = new PCG(stream, BaseSeed + (ulong)i);
        var seed = pcg.ToString();
        return (seed, gen.Generate(pcg, null, out _));
    }

    /// <summary>
    /// <see cref="Check{T}"/> for asynchronous properties (HTTP requests): each case must finish within twice
    /// its budget. A failure is shrunk with fewer tries than a synchronous one, since each try is a request.
    /// </summary>
    public static async Task CheckAsync<T>(Gen<T> gen, Func<T, Task> property, int iterations, TimeSpan? caseBudget = null,
        Func<T, string>? print = null, [CallerMemberName] string name = "")
    {
        var budget = caseBudget ?? DefaultCaseBudget;
        var count = Iterations(iterations);
        var stream = StableHash(name);
        for (var i = 0; i < count; i++)
        {
            var (seed, value) = Case(gen, stream, i);
            var elapsed = Stopwatch.StartNew();
            var run = Task.Run(() => property(value));
            if (await Task.WhenAny(run, Task.Delay(HangLimit(budget))) != run)
                throw new FuzzFailure($"{name}: case {i} (seed \"{seed}\") did not finish within {HangLimit(budget)} (a hang?)\ninput: {Show(value, print)}");
            try
            {
                await run;
            }
            catch (Exception failure)
            {
                string shrunk;
                try
                {
                    await gen.SampleAsync(property, seed: seed, iter: 100, threads: 1, print: v => Show(v, print));
                    shrunk = "(the failure did not reproduce while shrinking: it may depend on timing)";
                }
                catch (Exception ex)
                {
                    shrunk = "shrunk by CsCheck: " + ex.Message;
                }
                throw new FuzzFailure($"{name}: case {i} (seed \"{seed}\") failed: {failure.GetType().Name}: {failure.Message}\n" +
                                      $"input: {Show(value, print)}\n{shrunk}", failure);
            }
            if (elapsed.Elapsed > budget)
            {
                var again = Stopwatch.StartNew();
                await property(value);
                if (again.Elapsed > budget)
                    throw OverBudget(name, i, seed, elapsed.Elapsed, again.Elapsed, budget, Show(value, print));
            }
        }
    }

    /// <summary>The first <paramref name="count"/> values <paramref name="gen"/> makes with fixed seeds: to check a generator covers what it should.</summary>
    public static IReadOnlyList<T> Samples<T>(Gen<T> gen, int count, [CallerMemberName] string name = "") =>
        Enumerable.Range(0, count).Select(i => gen.Generate(new PCG(StableHash(name), DefaultSeed + (ulong)i), null, out _)).ToArray();

    /// <summary>
    /// Runs <paramref name="action"/> with a hard timeout and returns how long it took: for corpus cases
    /// that must never hang.
    /// </summary>
    /// <summary>
    /// The fastest of <paramref name="runs"/> bounded runs: for checks of how time grows with input, since
    /// other tests share the cores and can only add time to a run.
    /// </summary>
    public static TimeSpan Fastest(Action action, TimeSpan? timeout = null, int runs = 3) =>
        Enumerable.Range(0, runs).Select(_ => Bounded(action, timeout)).Min();

    public static TimeSpan Bounded(Action action, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultCaseBudget * 2;
        var elapsed = Stopwatch.StartNew();
        var run = Task.Run(action);
        try
        {
            if (!run.Wait(limit)) throw new FuzzFailure($"did not finish within {limit} (a hang?)");
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        return elapsed.Elapsed;
    }

    /// <summary>CsCheck's shrinker, started from the failing seed; its report names the smallest failing input it found.</summary>
    private static string Shrink<T>(Gen<T> gen, Action<T> property, string seed, Func<T, string>? print)
    {
        try
        {
            gen.Sample(property, seed: seed, iter: 500, threads: 1, print: value => Show(value, print));
            return "(the failure did not reproduce while shrinking: it may depend on timing)";
        }
        catch (Exception ex)
        {
            return "shrunk by CsCheck: " + ex.Message;
        }
    }

    private static string Show<T>(T value, Func<T, string>? print)
    {
        var text = print is not null ? print(value) : Printable(value);
        return text.Length <= 4000 ? text : text[..4000] + $"... ({text.Length} chars)";
    }

    /// <summary>Strings as C# literals (control, invisible and surrogate characters escaped), bytes likewise.</summary>
    public static string Printable<T>(T value) => value switch
    {
        null => "null",
        string s => Literal(s),
        byte[] b => "bytes \"" + string.Concat(b.Select(x => x is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? ((char)x).ToString() : $"\\x{x:X2}")) + "\"",
        _ => value.ToString() ?? "",
    };

    public static string Literal(string s)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in s)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c != ' ' && (c < 0x20 || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c) ||
                       System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                           or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
                           or System.Globalization.UnicodeCategory.SpaceSeparator)
                    => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (var c in text) hash = (hash ^ c) * 16777619;
        return hash;
    }
}

public sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);
