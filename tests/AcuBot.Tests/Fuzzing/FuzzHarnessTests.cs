using AcuBot.Testing.Fuzzing;
using CsCheck;

namespace AcuBot.Tests.Fuzzing;

/// <summary>The fuzz harness's time budget: a slow input fails, a case slowed once by a busy machine does not.</summary>
public sealed class FuzzHarnessTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void A_case_slow_every_time_fails_over_its_budget()
    {
        var failure = Assert.Throws<FuzzFailure>(() => Fuzz.Check(Gen.Int[0, 9], _ => Thread.Sleep(80), iterations: 1, caseBudget: Budget));
        Assert.Contains("over the 50 ms budget both times", failure.Message);
    }

    [Fact]
    public void A_case_slow_only_once_passes()
    {
        var runs = 0;
        Fuzz.Check(Gen.Int[0, 9], _ => { if (runs++ == 0) Thread.Sleep(80); }, iterations: 1, caseBudget: Budget);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task An_asynchronous_case_slow_every_time_fails_over_its_budget()
    {
        var failure = await Assert.ThrowsAsync<FuzzFailure>(() => Fuzz.CheckAsync(Gen.Int[0, 9], _ => Task.Delay(80), iterations: 1, caseBudget: Budget));
        Assert.Contains("over the 50 ms budget both times", failure.Message);
    }
}
