namespace AcuBot.Protocol.Schema;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
}

public static class DeliveryModes
{
    public const string Normal = "normal";
    /// <summary>The caller wants the replies in the HTTP response body, not POSTed to serviceUrl.</summary>
    public const string ExpectReplies = "expectReplies";
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string OpenUrl = "openUrl";
}

public static class TextFormatTypes
{
    public const string Markdown = "markdown";
    public const string Plain = "plain";
}

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}

public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
}
