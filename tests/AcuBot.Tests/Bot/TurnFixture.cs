namespace AcuBot.Tests.Bot;

/// <summary>One bot over the repository's knowledge, shared by the tests of a class.</summary>
public sealed class TurnFixture : IDisposable
{
    public BotUnderTest Bot { get; } = new();

    public void Dispose() => Bot.Dispose();
}
