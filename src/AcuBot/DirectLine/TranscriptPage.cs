using System.Globalization;
using System.Text;
using AcuBot.Channels;

namespace AcuBot.DirectLine;

/// <summary>
/// Activities after a watermark, each serialized once when it was appended, and the watermark after them:
/// the <c>{"activities": [...], "watermark": "n"}</c> set that GET activities and the stream send. It is
/// written out piece by piece, so a read costs neither a serialization nor a second copy of the transcript.
/// </summary>
public sealed class TranscriptPage(IReadOnlyList<byte[]> activities, long watermark)
{
    private static readonly byte[] Opening = "{\"activities\":["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();

    public int Count => activities.Count;

    public long Watermark => watermark;

    /// <summary>The set as one array (a WebSocket message); bounded by DirectLine:MaxTranscriptBytes.</summary>
    public byte[] ToUtf8Json()
    {
        var closing = Closing();
        var json = new byte[Length(closing)];
        var at = 0;
        foreach (var piece in Pieces(closing))
        {
            piece.CopyTo(json, at);
            at += piece.Length;
        }
        return json;
    }

    /// <summary>The set as an HTTP response, with its Content-Length.</summary>
    public IResult ToResult() => new Result(this);

    private byte[] Closing() => Encoding.UTF8.GetBytes($"],\"watermark\":\"{watermark.ToString(CultureInfo.InvariantCulture)}\"}}");

    private long Length(byte[] closing) => Pieces(closing).Sum(piece => (long)piece.Length);

    private IEnumerable<byte[]> Pieces(byte[] closing)
    {
        yield return Opening;
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0) yield return Comma;
            yield return activities[i];
        }
        yield return closing;
    }

    private sealed class Result(TranscriptPage page) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var closing = page.Closing();
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = JsonBody.JsonContentType;
            response.ContentLength = page.Length(closing);
            foreach (var piece in page.Pieces(closing))
                await response.Body.WriteAsync(piece, httpContext.RequestAborted);
        }
    }
}
