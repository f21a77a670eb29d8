using System.Text.Json;
using AcuBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Http;

/// <summary>The outcome of reading an Activity from a request: the activity, or the error to answer with.</summary>
public sealed record ActivityReadResult(Activity? Activity, int StatusCode, ErrorResponse? Error)
{
    public static ActivityReadResult Ok(Activity activity) => new(activity, StatusCodes.Status200OK, null);
    public static ActivityReadResult Fail(int status, string code, string message) => new(null, status, ErrorResponse.Of(code, message));
}

/// <summary>
/// Reads one Activity from an HTTP request body, enforcing a size limit while reading (a missing or
/// false Content-Length does not get past it) and turning every kind of bad input into a 4xx with a
/// Bot Framework error body instead of an exception.
/// </summary>
public static class ActivityRequestReader
{
    public static async Task<ActivityReadResult> ReadAsync(HttpRequest request, long maxBodyBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
            return ActivityReadResult.Fail(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Content-Type must be application/json.");
        if (request.ContentLength > maxBodyBytes)
            return TooLarge(maxBodyBytes);

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(request.Body, maxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own cap (a safety net above ours) was reached first, reading ahead of us.
            body = null;
        }
        if (body is null) return TooLarge(maxBodyBytes);
        if (body.Length == 0)
            return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", "The request body is empty; expected an Activity.");

        return Parse(body);
    }

    /// <summary>Parses and checks an Activity from bytes (also used by tests and fuzzing without HTTP).</summary>
    public static ActivityReadResult Parse(ReadOnlySpan<byte> body)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", $"The body is not a valid Activity JSON object{where}.");
        }
        if (activity is null)
            return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", "The body is null; expected an Activity.");
        if (string.IsNullOrWhiteSpace(activity.Type))
            return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", "The Activity has no 'type'.");
        return ActivityReadResult.Ok(activity);
    }

    private static ActivityReadResult TooLarge(long max) =>
        ActivityReadResult.Fail(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The request body is larger than {max} bytes.");

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The whole body, or null once it passes <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
