using AcuBot.Bot.Conversation;
using AcuBot.Options;
using Microsoft.Extensions.Options;

namespace AcuBot.Tests.Bot;

public class ConversationStoreTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class FixedOptions(AnswerOptions value) : IOptionsMonitor<AnswerOptions>
    {
        public AnswerOptions CurrentValue => value;
        public AnswerOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AnswerOptions, string?> listener) => null;
    }

    [Fact]
    public async Task State_expires_after_the_configured_inactivity()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T10:00:00Z"));
        var store = new InMemoryConversationStateStore(new FixedOptions(new AnswerOptions { ConversationTimeout = TimeSpan.FromMinutes(30) }), clock);
        await store.SetAsync("c", new ConversationState("Section", "file.txt", clock.Now));

        clock.Now = clock.Now.AddMinutes(29);
        Assert.NotNull(await store.GetAsync("c"));

        clock.Now = clock.Now.AddMinutes(2);
        Assert.Null(await store.GetAsync("c"));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Expired_conversations_are_swept_when_new_ones_arrive()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-01-01T10:00:00Z"));
        var store = new InMemoryConversationStateStore(new FixedOptions(new AnswerOptions { ConversationTimeout = TimeSpan.FromMinutes(5) }), clock);
        for (var i = 0; i < 100; i++) await store.SetAsync($"old-{i}", new ConversationState("S", "f", clock.Now));

        clock.Now = clock.Now.AddHours(1);
        await store.SetAsync("new", new ConversationState("S", "f", clock.Now));

        Assert.Equal(1, store.Count);
    }
}
