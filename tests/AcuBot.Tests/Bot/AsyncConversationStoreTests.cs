using AcuBot.Bot;
using AcuBot.Bot.Conversation;
using AcuBot.Bot.Turn;

namespace AcuBot.Tests.Bot;

/// <summary>
/// Issue 13: the conversation store is asynchronous (a network store such as Redis). The turn reads it
/// before its steps and writes the answer's section once they are done, awaiting both.
/// </summary>
public class AsyncConversationStoreTests
{
    /// <summary>A store that answers later, on another thread, as one across the network does.</summary>
    private sealed class RemoteStore : IConversationStateStore
    {
        public Dictionary<string, ConversationState> States { get; } = [];

        public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
        {
            await Task.Delay(5, cancellationToken);
            lock (States) return States.GetValueOrDefault(conversationId);
        }

        public async ValueTask SetAsync(string conversationId, ConversationState state, CancellationToken cancellationToken = default)
        {
            await Task.Delay(5, cancellationToken);
            lock (States) States[conversationId] = state;
        }
    }

    [Fact]
    public async Task A_remembered_answer_is_written_when_the_turn_saves_and_read_back()
    {
        var store = new RemoteStore();
        var memory = new ConversationMemory(store, TimeProvider.System);
        using var turnBot = new BotUnderTest();
        var knowledge = turnBot.Host.Services.GetService(typeof(AcuBot.Knowledge.KnowledgeService)) as AcuBot.Knowledge.KnowledgeService;
        var turn = new TurnSignals("does it hurt", "c1", knowledge!.Current, null, null);

        var reply = memory.Remember(turn, new BotReply(ReplyKind.Answer, "...") { SectionTitle = "Does it hurt?", SourceFile = "faq.md" });

        Assert.Equal("Does it hurt?", reply.SectionTitle);
        Assert.Empty(store.States); // not before the turn saves
        await memory.SaveAsync(turn);
        var recalled = await memory.RecallAsync("c1");
        Assert.Equal(("Does it hurt?", "faq.md"), (recalled!.SectionTitle, recalled.SourceFile));
        await memory.SaveAsync(turn); // saved once: nothing left to write
        Assert.Single(store.States);
    }

    [Fact]
    public async Task A_reply_without_a_section_or_a_conversation_is_not_remembered()
    {
        var store = new RemoteStore();
        var memory = new ConversationMemory(store, TimeProvider.System);
        using var turnBot = new BotUnderTest();
        var knowledge = (AcuBot.Knowledge.KnowledgeService)turnBot.Host.Services.GetService(typeof(AcuBot.Knowledge.KnowledgeService))!;
        var noConversation = new TurnSignals("does it hurt", null, knowledge.Current, null, null);
        var inConversation = new TurnSignals("hello", "c2", knowledge.Current, null, null);

        memory.Remember(noConversation, new BotReply(ReplyKind.Answer, "...") { SectionTitle = "S", SourceFile = "f" });
        memory.Remember(inConversation, new BotReply(ReplyKind.SmallTalk, "Hello!"));
        await memory.SaveAsync(noConversation);
        await memory.SaveAsync(inConversation);

        Assert.Empty(store.States);
        Assert.Null(await memory.RecallAsync(null));
    }

    [Fact]
    public async Task Tell_me_more_follows_the_answer_before_it()
    {
        using var bot = new BotUnderTest();

        var answer = await bot.AskAsync("Does acupuncture hurt?", "follow-up");
        var more = await bot.AskAsync("tell me more", "follow-up");
        var elsewhere = await bot.AskAsync("tell me more", "another-conversation");

        Assert.Equal("answer", answer.Kind);
        Assert.Equal(answer.Section, more.Section);
        Assert.NotEqual(answer.Section, elsewhere.Section);
    }
}
