using System.Text;
using AcuBot.Protocol.Http;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Tests.Http;

/// <summary>
/// Reading an activity from a request body, without a server: the media type first, then the size limit
/// (the declared length before a byte is read, the bytes themselves when no length or a false one is
/// declared), then the JSON; every failure a 4xx with a Bot Framework error, never an exception.
/// </summary>
public sealed class ActivityBodyReadingTests
{
    private const string Activity = """{"type":"message","text":"hi"}""";

    private static HttpRequest Request(Stream body, string? contentType = "application/json", long? declaredLength = null)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.ContentLength = declaredLength;
        http.Request.Body = body;
        return http.Request;
    }

    private static HttpRequest Request(string body, string? contentType = "application/json", bool declareLength = true) =>
        Request(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType, declareLength ? Encoding.UTF8.GetByteCount(body) : null);

    private static Task<ActivityReadResult> ReadAsync(HttpRequest request, long max = 1024) => ActivityRequestReader.ReadAsync(request, max, CancellationToken.None);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_json_activity_is_read_with_or_without_a_declared_length(bool declareLength)
    {
        var result = await ReadAsync(Request(Activity, declareLength: declareLength));

        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.Error);
        Assert.Equal("hi", result.Activity!.Text);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Another_media_type_is_415_and_the_body_is_not_read(string? contentType)
    {
        var result = await ReadAsync(Request(new UnreadableStream(), contentType));

        Assert.Equal(415, result.StatusCode);
        Assert.Equal("UnsupportedMediaType", result.Error!.Error.Code);
        Assert.Equal("Content-Type must be application/json.", result.Error.Error.Message);
        Assert.Null(result.Activity);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_413_before_a_byte_is_read()
    {
        var result = await ReadAsync(Request(new UnreadableStream(), declaredLength: 1025));

        Assert.Equal(413, result.StatusCode);
        Assert.Equal("PayloadTooLarge", result.Error!.Error.Code);
        Assert.Equal("The request body is larger than 1024 bytes.", result.Error.Error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_the_limit_is_read_and_one_byte_more_is_413(bool declareLength)
    {
        var exact = """{"type":"message","text":"" }""".Replace("\"\"", "\"" + new string('a', 1024 - 29) + "\"");
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(exact));

        Assert.Equal(200, (await ReadAsync(Request(exact, declareLength: declareLength))).StatusCode);
        Assert.Equal(413, (await ReadAsync(Request(exact + " ", declareLength: declareLength))).StatusCode);
    }

    [Fact]
    public async Task A_body_longer_than_its_declared_length_is_still_held_to_the_limit()
    {
        var body = new MemoryStream(Encoding.UTF8.GetBytes(Activity + new string(' ', 5000)));

        var result = await ReadAsync(Request(body, declaredLength: 10));

        Assert.Equal(413, result.StatusCode);
        Assert.Equal(body.Length, body.Position); // read to its end, so that the client gets the answer
    }

    [Fact]
    public async Task A_large_body_within_the_limit_is_read_whole()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + i % 26)));
        var json = $$"""{"type":"message","text":"{{text}}"}""";

        var undeclared = await ReadAsync(Request(json, declareLength: false), max: 1_000_000);
        var declared = await ReadAsync(Request(json), max: 1_000_000);

        Assert.Equal(text, undeclared.Activity!.Text);
        Assert.Equal(text, declared.Activity!.Text);
    }

    [Fact]
    public async Task An_empty_body_is_400()
    {
        var result = await ReadAsync(Request(""));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("BadArgument", result.Error!.Error.Code);
        Assert.Equal("The request body is empty; expected an Activity.", result.Error.Error.Message);
    }

    [Fact]
    public async Task One_leading_byte_order_mark_is_skipped()
    {
        Assert.Equal(200, (await ReadAsync(Request("\uFEFF" + Activity))).StatusCode);
        Assert.Equal(400, (await ReadAsync(Request("\uFEFF\uFEFF" + Activity))).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_400_saying_where()
    {
        var result = await ReadAsync(Request("{\n  \"type\": \"message\",\n  oops }"));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("The body is not a valid Activity JSON object (line 3, position 3).", result.Error!.Error.Message);
    }

    [Fact]
    public void Null_and_typeless_bodies_say_what_is_missing()
    {
        Assert.Equal("The body is null; expected an Activity.", ActivityRequestReader.Parse("null"u8).Error!.Error.Message);
        Assert.Equal("The Activity has no 'type'.", ActivityRequestReader.Parse("""{"type":"  "}"""u8).Error!.Error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(408)]
    public async Task A_body_the_server_could_not_read_is_answered_with_the_servers_status(int status)
    {
        var result = await ReadAsync(Request(new FailingStream(new BadHttpRequestException("Bad chunk", status))));

        Assert.Equal(status, result.StatusCode);
        Assert.Equal("BadArgument", result.Error!.Error.Code);
        Assert.Equal("The request body could not be read: Bad chunk", result.Error.Error.Message);
    }

    [Fact]
    public async Task The_servers_own_size_cap_is_a_413()
    {
        var result = await ReadAsync(Request(new FailingStream(new BadHttpRequestException("Too large", 413))));

        Assert.Equal(413, result.StatusCode);
        Assert.Equal("PayloadTooLarge", result.Error!.Error.Code);
    }

    [Fact]
    public async Task Broken_chunk_framing_reported_as_an_io_error_is_a_400()
    {
        var result = await ReadAsync(Request(new FailingStream(new IOException("Bad chunk size"))));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("The request body could not be read: Bad chunk size", result.Error!.Error.Message);
        Assert.Equal("BadArgument", result.Error.Error.Code);
    }

    [Fact]
    public async Task A_cancelled_read_is_not_taken_for_bad_input()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<Exception>(() =>
            ActivityRequestReader.ReadAsync(Request(new FailingStream(new IOException("aborted"))), 1024, cancelled.Token));
    }

    /// <summary>
    /// A \u escape with characters that are not hex digits is not read as four digits: the half surrogate
    /// right after it is still found, and named in the answer ("\uzz" must not swallow the "\" of "\ud800").
    /// </summary>
    [Fact]
    public async Task A_half_surrogate_right_after_a_broken_u_escape_is_still_found()
    {
        var result = await ReadAsync(Request("""{"type":"message","text":"a\uzz\ud800b"}"""));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("The body has a \\u escape of half a surrogate pair, which is not text.", result.Error!.Error.Message);
    }

    /// <summary>A body that fails the test if anything reads it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The body was read.");
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("The body was read.");
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new InvalidOperationException("The body was read.");
    }

    /// <summary>A body whose reading fails as the server's would.</summary>
    private sealed class FailingStream(Exception error) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(error);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(error);
    }
}
