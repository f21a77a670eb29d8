namespace AcuBot.Bot.SmallTalk;

public enum SmallTalkIntent
{
    Greeting,
    Thanks,
    Goodbye,
    Identity,
    Capabilities,
}
