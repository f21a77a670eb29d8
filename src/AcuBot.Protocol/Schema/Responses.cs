namespace AcuBot.Protocol.Schema;

/// <summary>The body of an <c>expectReplies</c> response.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}

/// <summary>What the connector answers to a POSTed activity.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>The Bot Framework error body: <c>{"error": {"code": "...", "message": "..."}}</c>.</summary>
public sealed class ErrorResponse
{
    public required ErrorDetail Error { get; set; }

    public static ErrorResponse Of(string code, string message) => new() { Error = new ErrorDetail { Code = code, Message = message } };
}

public sealed class ErrorDetail
{
    public required string Code { get; set; }
    public required string Message { get; set; }
}
