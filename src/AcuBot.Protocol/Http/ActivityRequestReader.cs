using System.Buffers;
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
        if (!JsonMediaType.IsJson(request.ContentType))
            return ActivityReadResult.Fail(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Content-Type must be application/json.");
        if (request.ContentLength > maxBodyBytes)
            return TooLarge(maxBodyBytes);

        (byte[]? Rented, int Length) body;
        try
        {
            body = await ReadBoundedAsync(request.Body, request.ContentLength, maxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own cap (a safety net above ours) was reached first, reading ahead of us.
            body = (null, 0);
        }
        catch (BadHttpRequestException ex)
        {
            // A malformed chunked body, or one that stopped arriving: the server says which (400, 408).
            return ActivityReadResult.Fail(ex.StatusCode, "BadArgument", $"The request body could not be read: {ex.Message}");
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel reports some malformed chunk framing (a chunk size over int.MaxValue) as a plain IOException.
            return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", $"The request body could not be read: {ex.Message}");
        }
        if (body.Rented is not { } rented) return TooLarge(maxBodyBytes);
        try
        {
            if (body.Length == 0)
                return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", "The request body is empty; expected an Activity.");
            // The activity keeps nothing of the buffer: System.Text.Json copies what a JsonElement holds.
            return Parse(rented.AsSpan(0, body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses and checks an Activity from bytes (also used by tests and fuzzing without HTTP).</summary>
    public static ActivityReadResult Parse(ReadOnlySpan<byte> body)
    {
        // JSON must not be written with a byte order mark, but a reader may ignore one (RFC 8259, 8.1), and
        // some clients (Windows tools among them) send it: one leading UTF-8 BOM is skipped.
        if (body.StartsWith(Utf8ByteOrderMark)) body = body[Utf8ByteOrderMark.Length..];
        if (HasUnpairedSurrogateEscape(body))
            return ActivityReadResult.Fail(StatusCodes.Status400BadRequest, "BadArgument", "The body has a \\u escape of half a surrogate pair, which is not text.");

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

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Whether a string in the JSON escapes half a surrogate pair ("\ud800" alone). System.Text.Json reads
    /// such strings but cannot write them back, so an activity holding one could be accepted and then break
    /// every response that includes it (a Direct Line transcript, for one). One linear pass over the bytes.
    /// </summary>
    internal static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var pendingHigh = false;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != (byte)'\\')
            {
                if (pendingHigh) return true;
                // Jump to the next escape: most bodies have few, and IndexOf scans many bytes per step.
                var next = json[i..].IndexOf((byte)'\\');
                if (next < 0) break;
                i += next - 1;
                continue;
            }
            if (i + 1 >= json.Length) break;
            if (json[i + 1] != (byte)'u' || i + 5 >= json.Length || !TryHex(json.Slice(i + 2, 4), out var unit))
            {
                if (pendingHigh) return true;
                i++; // an escaped character such as \\ or \"
                continue;
            }
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (isLow != pendingHigh) return true;
            pendingHigh = isHigh;
            i += 5;
        }
        return pendingHigh;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0) return false;
            value = value * 16 + nibble;
        }
        return true;
    }

    private static ActivityReadResult TooLarge(long max) =>
        ActivityReadResult.Fail(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"The request body is larger than {max} bytes.");

    /// <summary>
    /// The whole body in an array rented from the shared pool (the caller returns it), with its length; no
    /// array when the body is longer than <paramref name="max"/> bytes. Rented, because a body near the limit
    /// is a large-object allocation per request otherwise, which a flood of them turns into heap growth.
    /// A body over the limit is still read to its end (and thrown away), so that the client, which may still
    /// be sending, receives the 413 rather than a closed connection; the server's own cap bounds how much is
    /// read that way.
    /// </summary>
    /// <param name="declaredLength">The Content-Length, already checked against <paramref name="max"/>.</param>
    private static async Task<(byte[]? Rented, int Length)> ReadBoundedAsync(Stream body, long? declaredLength, long max, CancellationToken cancellationToken)
    {
        // Room for one byte more than declared (or than allowed), to notice a body that does not stop there.
        var limit = (int)Math.Min(max + 1, int.MaxValue);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min((declaredLength ?? 16 * 1024) + 1, limit));
        var filled = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (filled > max)
                {
                    while (await body.ReadAsync(buffer, cancellationToken) > 0) { } // the rest, discarded
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }
                if (filled == buffer.Length) buffer = Grow(buffer, filled, limit);
            }
            return (buffer, filled);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static byte[] Grow(byte[] buffer, int filled, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit));
        buffer.AsSpan(0, filled).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
