using System.Text;
using System.Text.Json;
using AcuBot.Protocol.Http;
using AcuBot.Protocol.Schema;
using CsCheck;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Tests.Fuzzing;

/// <summary>
/// Property tests of <see cref="ActivityRequestReader"/> on generated and mutated bodies: whatever the
/// bytes, the reader answers 200 with an activity or 400 with an error body, never throws, never hangs,
/// and for bodies built from a model of the schema it answers exactly what the model says.
/// </summary>
public sealed class ActivityReaderPropertyTests
{
    /// <summary>The shape every result must have, whatever the input.</summary>
    internal static void AssertWellFormed(ActivityReadResult result, params int[] allowedStatuses)
    {
        Assert.Contains(result.StatusCode, allowedStatuses);
        if (result.StatusCode == StatusCodes.Status200OK)
        {
            Assert.NotNull(result.Activity);
            Assert.Null(result.Error);
            Assert.False(string.IsNullOrWhiteSpace(result.Activity.Type), "a 200 activity has a type");
        }
        else
        {
            Assert.Null(result.Activity);
            Assert.NotNull(result.Error);
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Error.Code), "error.code is empty");
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Error.Message), "error.message is empty");
        }
    }

    [Fact]
    public void Generated_activities_are_read_as_the_schema_model_says() =>
        Fuzz.Check(JsonGen.Activity, generated =>
        {
            var result = ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(generated.Json));

            AssertWellFormed(result, 200, 400);
            Assert.Equal(generated.ExpectedStatus, result.StatusCode);
            if (result.Activity is not { } activity) return;
            Assert.Equal(generated.Type, activity.Type);
            if (generated.HasText) Assert.Equal(generated.Text, activity.Text);
            else Assert.Null(activity.Text);
            foreach (var (key, raw) in generated.Unknown)
            {
                Assert.True(activity.Properties?.ContainsKey(key), $"unknown field {Fuzz.Literal(key)} was dropped");
                Assert.Equal(raw, activity.Properties![key].GetRawText());
            }
            Assert.Equal(generated.Unknown.Count, activity.Properties?.Count ?? 0);
        }, iterations: 1500);

    /// <summary>The generators are worth running: they make accepted and refused bodies in fair shares.</summary>
    [Fact]
    public void The_generators_make_both_accepted_and_refused_bodies()
    {
        var generated = Fuzz.Samples(JsonGen.Activity, 500);
        var accepted = generated.Count(g => g.ExpectedStatus == 200);
        Assert.InRange(accepted, 60, 400);
        Assert.True(generated.Count(g => !g.Valid) >= 50, "too few wrongly typed fields");
        Assert.True(generated.Count(g => g.Unknown.Count > 0) >= 50, "too few unknown fields");

        var mutated = Fuzz.Samples(JsonGen.MutatedBody, 500).Select(b => ActivityRequestReader.Parse(b).StatusCode).ToArray();
        Assert.InRange(mutated.Count(s => s == 200), 25, 475);
    }

    [Fact]
    public void Mutated_bodies_get_200_or_400_and_never_an_exception() =>
        Fuzz.Check(JsonGen.MutatedBody, body =>
        {
            var result = ActivityRequestReader.Parse(body);

            AssertWellFormed(result, 200, 400);
            if (!IsJson(body)) Assert.Equal(400, result.StatusCode);
            // The same bytes always get the same answer.
            Assert.Equal(result.StatusCode, ActivityRequestReader.Parse(body).StatusCode);
        }, iterations: 1500);

    [Fact]
    public void Random_bytes_get_200_or_400_and_never_an_exception() =>
        Fuzz.Check(JsonGen.RandomBytes, body =>
        {
            var result = ActivityRequestReader.Parse(body);

            AssertWellFormed(result, 200, 400);
            if (!IsJson(body)) Assert.Equal(400, result.StatusCode);
        }, iterations: 1500);

    /// <summary>What the reader accepts, the bot can write back: serialising a read activity and reading it again gives the same activity.</summary>
    [Fact]
    public void An_accepted_activity_can_be_written_and_read_back_unchanged() =>
        Fuzz.Check(Gen.OneOf(JsonGen.MutatedBody, JsonGen.Activity.Select(a => Encoding.UTF8.GetBytes(a.Json))), body =>
        {
            if (ActivityRequestReader.Parse(body).Activity is not { } activity) return;
            // "actions": null reads as null although the property is declared non-null (and defaults to []);
            // written back, the null is omitted and reads as []. Compare the two as the same.
            if (activity.SuggestedActions is { Actions: null } suggested) suggested.Actions = [];

            var written = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
            var again = ActivityRequestReader.Parse(written);

            Assert.Equal(200, again.StatusCode);
            Assert.Equal(
                JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity),
                JsonSerializer.Serialize(again.Activity!, ProtocolJsonContext.Default.Activity));
        }, iterations: 1500, print: Fuzz.Printable);

    /// <summary>
    /// Found by fuzzing (fixed): the reader accepted (200) an activity whose channelData, value or unknown
    /// fields held an escaped half of a surrogate pair (JsonElement keeps the raw text), but the Activity could
    /// not be serialised again (JsonException: "Cannot read incomplete UTF-16 JSON text as string with missing
    /// low surrogate"), which would break any response that includes it, a Direct Line transcript for one.
    /// Such a body is now refused; a valid pair, or an escaped backslash before "u", is still read.
    /// </summary>
    [Theory]
    [InlineData("""{"type":"message","channelData":"\ud800"}""", 400)]
    [InlineData("""{"type":"message","value":{"a":"\udc00"}}""", 400)]
    [InlineData("""{"type":"message","x-custom":"\ud800"}""", 400)]
    [InlineData("""{"type":"message","channelData":{"\ud800":1}}""", 400)]
    [InlineData("""{"type":"message","from":{"x":"a\uDBFF"}}""", 400)]
    [InlineData("""{"type":"message","channelData":["\ud83d","\ude00"]}""", 400)]
    [InlineData("""{"type":"message","channelData":"\ud83d\u0041"}""", 400)]
    [InlineData("""{"type":"message","channelData":"\ud83d\ude00","x-\uD83D\uDE00":"\uD83D\uDE00"}""", 200)]
    [InlineData("""{"type":"message","text":"\\ud800 is how you write it"}""", 200)]
    [InlineData("""{"type":"message","text":"\\\ud800"}""", 400)]
    [InlineData("""{"type":"message","text":"\\\\ud800"}""", 200)]
    [InlineData("""{"type":"message","text":"\u12"}""", 400)]
    [InlineData("""{"type":"message","text":"end\\"}""", 200)]
    public void An_activity_with_half_a_surrogate_pair_anywhere_is_refused_and_an_accepted_one_can_be_written_back(string body, int expected)
    {
        var read = ActivityRequestReader.Parse(Encoding.UTF8.GetBytes(body));

        AssertWellFormed(read, expected);
        if (read.Activity is not { } activity) return;
        var written = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
        Assert.Equal(200, ActivityRequestReader.Parse(written).StatusCode);
    }

    /// <summary>
    /// Over HTTP: whatever the content type, declared length, real length, size limit and the way the body
    /// arrives in pieces, the answer is 415, 413, 400 or the parse of the body, in that order of checks.
    /// </summary>
    [Fact]
    public void ReadAsync_answers_415_413_400_or_the_parse_whatever_the_request_looks_like() =>
        Fuzz.Check(RequestGen, request =>
        {
            var http = new DefaultHttpContext();
            http.Request.ContentType = request.ContentType;
            http.Request.ContentLength = request.DeclaredLength;
            http.Request.Body = new PiecewiseStream(request.Body, request.ChunkSeed);

            var result = ActivityRequestReader.ReadAsync(http.Request, request.MaxBytes, CancellationToken.None).GetAwaiter().GetResult();

            AssertWellFormed(result, 200, 400, 413, 415);
            Assert.Equal(request.ExpectedStatus, result.StatusCode);
        }, iterations: 1500);

    internal sealed record GeneratedRequest(string? ContentType, long? DeclaredLength, byte[] Body, long MaxBytes, int ChunkSeed)
    {
        public int ExpectedStatus =>
            !DeclaresJson(ContentType) ? 415
            : DeclaredLength > MaxBytes || Body.Length > MaxBytes ? 413
            : Body.Length == 0 ? 400
            : ActivityRequestReader.Parse(Body).StatusCode;

        public override string ToString() =>
            $"ContentType={(ContentType is null ? "null" : Fuzz.Literal(ContentType))}, DeclaredLength={DeclaredLength?.ToString() ?? "null"}, " +
            $"MaxBytes={MaxBytes}, ChunkSeed={ChunkSeed}, Body={Fuzz.Printable(Body)}";

        /// <summary>The rule, independently of the bot's parser: application/json or application/&lt;x&gt;+json, by System.Net.Http's parser.</summary>
        internal static bool DeclaresJson(string? contentType) =>
            System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is { } mediaType &&
            System.Text.RegularExpressions.Regex.IsMatch(mediaType, @"^application/(json|[^/+\s]+\+json)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    private static readonly Gen<string?> ContentTypes = Gen.OneOf<string?>(
        "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=utf-16",
        "application/vnd.microsoft.activity+json", "application/jsonx", "text/json", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "", " ", null, "application/xml", "*/*", "application/json\u0000",
        "text/plain; x=+json", "application/+json", "text/+json");

    private static readonly Gen<GeneratedRequest> RequestGen = Gen.Select(
            ContentTypes,
            Gen.OneOf(JsonGen.MutatedBody, JsonGen.Activity.Select(a => Encoding.UTF8.GetBytes(a.Json)), Gen.Const(Array.Empty<byte>())),
            Gen.Int[0, 5],
            Gen.Int[0, 5],
            Gen.Int)
        .Select((contentType, body, limitKind, lengthKind, seed) =>
        {
            long max = limitKind switch
            {
                0 => 0,
                1 => Math.Max(0, body.Length - 1),
                2 => body.Length,
                3 => body.Length + 1,
                4 => body.Length / 2,
                _ => 262_144,
            };
            long? declared = lengthKind switch
            {
                0 or 1 => body.Length,
                2 => null,
                3 => body.Length + 1_000_000L,
                4 => Math.Max(0, body.Length - 10),
                _ => 0,
            };
            return new GeneratedRequest(contentType, declared, body, max, seed);
        });

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A request body that arrives in pieces of random sizes (1 byte to 20 KiB), as a network stream does.</summary>
    private sealed class PiecewiseStream(byte[] data, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, data.Length - _position), _random.Next(3) == 0 ? 1 : _random.Next(1, 20_480));
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
