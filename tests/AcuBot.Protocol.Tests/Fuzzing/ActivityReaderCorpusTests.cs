using System.Text;
using AcuBot.Protocol.Http;
using Microsoft.AspNetCore.Http;

namespace AcuBot.Protocol.Tests.Fuzzing;

/// <summary>
/// A corpus of nasty bodies for <see cref="ActivityRequestReader"/>: deep nesting, huge strings, invalid
/// UTF-8, NUL bytes, lone surrogates, nulls everywhere, wrong types for every field, duplicate keys, BOMs,
/// numbers out of range, other encodings. Each is read under a hard timeout; each gets 200 or 400 (as
/// noted per case) and never an exception.
/// </summary>
public sealed class ActivityReaderCorpusTests
{
    private const int Either = 0;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params object[] parts) =>
        parts.SelectMany(p => p switch { string s => Utf8(s), byte[] b => b, _ => throw new ArgumentException("string or byte[]") }).ToArray();

    private static ActivityReadResult Read(byte[] body, int expected)
    {
        ActivityReadResult? result = null;
        Fuzz.Bounded(() => result = ActivityRequestReader.Parse(body));
        ActivityReaderPropertyTests.AssertWellFormed(result!, 200, 400);
        if (expected != Either) Assert.Equal(expected, result!.StatusCode);
        return result!;
    }

    /// <summary>The corpus: a name, the body (built only when its case runs: some are megabytes), the status it must get.</summary>
    private static Dictionary<string, (Func<byte[]> Body, int Expected)>? _cases;

    private static Dictionary<string, (Func<byte[]> Body, int Expected)> Cases => _cases ??= BuildCases();

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    private static Dictionary<string, (Func<byte[]> Body, int Expected)> BuildCases()
    {
        var data = new Dictionary<string, (Func<byte[]> Body, int Expected)>
        {
            // structure
            { "empty object", (() => Utf8("{}"), 400) },
            { "only whitespace", (() => Utf8(" \r\n\t "), 400) },
            { "array of activities", (() => Utf8("""[{"type":"message"}]"""), 400) },
            { "two objects", (() => Utf8("""{"type":"message"}{"type":"message"}"""), 400) },
            { "trailing garbage", (() => Utf8("""{"type":"message"}garbage"""), 400) },
            { "leading garbage", (() => Utf8(""")]}'{"type":"message"}"""), 400) },
            { "trailing comma", (() => Utf8("""{"type":"message",}"""), 400) },
            { "comment", (() => Utf8("""{"type":"message" /* hi */}"""), 400) },
            { "line comment", (() => Utf8("{\"type\":\"message\" // hi\n}"), 400) },
            { "single quotes", (() => Utf8("{'type':'message'}"), 400) },
            { "unquoted key", (() => Utf8("{type:\"message\"}"), 400) },
            { "unterminated string", (() => Utf8("{\"type\":\"message"), 400) },
            { "unclosed object", (() => Utf8("{\"type\":\"message\","), 400) },
            { "CRLF and tabs everywhere", (() => Utf8("\r\n{\r\n\t\"type\"\r\n:\r\n\t\"message\"\r\n,\"text\":\"a\"\r\n}\r\n"), 200) },
            { "CR-only line breaks", (() => Utf8("\r{\r\"type\"\r:\r\"message\"\r}\r"), 200) },
            { "escaped key name", (() => Utf8("""{"\u0074\u0079\u0070\u0065":"message"}"""), 200) },
            { "key in upper case", (() => Utf8("""{"TYPE":"message","TEXT":"hi"}"""), 200) },
            // nesting (the reader's limit is 64 levels)
            { "channelData nested 64 levels", (() => Utf8("{\"type\":\"message\",\"channelData\":" + new string('[', 63) + new string(']', 63) + "}"), 200) },
            { "channelData nested 65 levels", (() => Utf8("{\"type\":\"message\",\"channelData\":" + new string('[', 64) + new string(']', 64) + "}"), 400) },
            { "100k open brackets", (() => Utf8("{\"type\":\"message\",\"channelData\":" + new string('[', 100_000)), 400) },
            { "100k nested objects", (() => Utf8("{\"type\":\"message\",\"value\":" + string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_001)), 400) },
            { "unknown field nested 70 levels", (() => Utf8("{\"type\":\"message\",\"x\":" + new string('[', 70) + new string(']', 70) + "}"), 400) },
            { "deep nesting inside an entity", (() => Utf8("{\"type\":\"message\",\"entities\":[{\"type\":\"x\",\"p\":" + new string('{', 1) + "\"q\":" + new string('[', 70) + new string(']', 70) + "}}]}"), 400) },
            // size
            { "10 MB text", (() => Utf8("{\"type\":\"message\",\"text\":\"" + new string('a', 10_000_000) + "\"}"), 200) },
            { "1 MB word of escapes", (() => Utf8("{\"type\":\"message\",\"text\":\"" + string.Concat(Enumerable.Repeat("\\u00e9", 200_000)) + "\"}"), 200) },
            { "1 MB key", (() => Utf8("{\"type\":\"message\",\"" + new string('k', 1_000_000) + "\":1}"), 200) },
            { "100k unknown fields", (() => Utf8("{\"type\":\"message\"" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $",\"x{i}\":{i}")) + "}"), 200) },
            { "100k attachments", (() => Utf8("{\"type\":\"message\",\"attachments\":[" + string.Join(",", Enumerable.Repeat("{}", 100_000)) + "]}"), 200) },
            { "100k members added, all null", (() => Utf8("{\"type\":\"conversationUpdate\",\"membersAdded\":[" + string.Join(",", Enumerable.Repeat("null", 100_000)) + "]}"), 200) },
            { "the same unknown key 100k times", (() => Utf8("{\"type\":\"message\"" + string.Concat(Enumerable.Repeat(",\"x\":1", 100_000)) + "}"), 200) },
            // encodings
            { "UTF-8 BOM", (() => Concat(new byte[] { 0xEF, 0xBB, 0xBF }, """{"type":"message"}"""), 200) },
            { "two UTF-8 BOMs", (() => Concat(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF }, """{"type":"message"}"""), 400) },
            { "BOM in the middle", (() => Concat("""{"type":"message",""", new byte[] { 0xEF, 0xBB, 0xBF }, "\"text\":\"a\"}"), 400) },
            { "UTF-16 LE with BOM", (() => Concat(new byte[] { 0xFF, 0xFE }, Encoding.Unicode.GetBytes("""{"type":"message"}""")), 400) },
            { "UTF-16 BE without BOM", (() => Encoding.BigEndianUnicode.GetBytes("""{"type":"message"}"""), 400) },
            { "UTF-32", (() => Encoding.UTF32.GetBytes("""{"type":"message"}"""), 400) },
            { "invalid UTF-8 in text", (() => Concat("""{"type":"message","text":"a""", new byte[] { 0xC3, 0x28 }, "\"}"), 400) },
            { "overlong UTF-8 in text", (() => Concat("""{"type":"message","text":"a""", new byte[] { 0xC0, 0xAF }, "\"}"), 400) },
            { "UTF-8 encoded surrogate in text", (() => Concat("""{"type":"message","text":"a""", new byte[] { 0xED, 0xA0, 0x80 }, "\"}"), 400) },
            { "code point above U+10FFFF in text", (() => Concat("""{"type":"message","text":"a""", new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "\"}"), 400) },
            { "truncated UTF-8 sequence in type", (() => Concat("""{"type":"message""", new byte[] { 0xE2, 0x82 }, "\"}"), 400) },
            { "0xFF byte outside strings", (() => Concat("""{"type":"message",""", new byte[] { 0xFF }, "}"), 400) },
            { "invalid UTF-8 in an unknown key", (() => Concat("""{"type":"message","x""", new byte[] { 0xFF }, "\":1}"), Either) },
            { "invalid UTF-8 in an unknown value", (() => Concat("""{"type":"message","x":"a""", new byte[] { 0xFF }, "\"}"), Either) },
            { "invalid UTF-8 in channelData", (() => Concat("{\"type\":\"message\",\"channelData\":{\"a\":\"", new byte[] { 0xC3 }, "\"}}"), Either) },
            { "Latin-1 encoded text", (() => Concat("""{"type":"message","text":"caf""", new byte[] { 0xE9 }, "\"}"), 400) },
            // NUL bytes
            { "raw NUL in a string", (() => Concat("""{"type":"message","text":"a""", new byte[] { 0 }, "b\"}"), 400) },
            { "raw NUL between tokens", (() => Concat("""{"type":"message",""", new byte[] { 0 }, "\"text\":\"a\"}"), 400) },
            { "raw NUL after the object", (() => Concat("""{"type":"message"}""", new byte[] { 0 }), 400) },
            { "only NUL bytes", (() => new byte[1024], 400) },
            { "escaped NUL in text", (() => Utf8("""{"type":"message","text":"a\u0000b"}"""), 200) },
            { "escaped NUL as the whole type", (() => Utf8("""{"type":"\u0000"}"""), 200) },
            { "escaped NUL in a key", (() => Utf8("""{"type":"message","x\u0000":"a"}"""), 200) },
            // surrogates
            { "lone high surrogate in text", (() => Utf8("""{"type":"message","text":"a\ud800b"}"""), 400) },
            { "lone low surrogate in text", (() => Utf8("""{"type":"message","text":"\udc00"}"""), 400) },
            { "reversed surrogate pair in text", (() => Utf8("""{"type":"message","text":"\udc00\ud800"}"""), 400) },
            { "surrogate pair split by a character", (() => Utf8("""{"type":"message","text":"\ud83dx\ude00"}"""), 400) },
            { "escaped surrogate pair in text", (() => Utf8("""{"type":"message","text":"\ud83d\ude00"}"""), 200) },
            { "lone surrogate as the type", (() => Utf8("""{"type":"\udfff"}"""), 400) },
            { "lone surrogate in an unknown key", (() => Utf8("""{"type":"message","\ud800":1}"""), 400) },
            { "lone surrogate in channelData", (() => Utf8("""{"type":"message","channelData":"\ud800"}"""), 400) },
            { "lone surrogate in a nested unknown key", (() => Utf8("""{"type":"message","value":{"\udbff":1}}"""), 400) },
            { "surrogate pair split over two strings", (() => Utf8("""{"type":"message","value":["\ud83d","\ude00"]}"""), 400) },
            { "escaped backslash before u", (() => Utf8("""{"type":"message","text":"C:\\ud800\\users"}"""), 200) },
            { "escaped surrogate pair in upper case hex", (() => Utf8("""{"type":"message","text":"\uD83D\uDE00"}"""), 200) },
            { "truncated escape", (() => Utf8("""{"type":"message","text":"\u12"}"""), 400) },
            { "invalid escape", (() => Utf8("""{"type":"message","text":"\x41"}"""), 400) },
            // text that is valid but unusual
            { "right-to-left text", (() => Utf8("""{"type":"message","text":"هل الوخز بالإبر مؤلم؟ ‏שלום"}"""), 200) },
            { "emoji and ZWJ sequences", (() => Utf8("""{"type":"message","text":"👨‍👩‍👧 does it hurt? 😬🇫🇷"}"""), 200) },
            { "zero-width and bidi controls", (() => Utf8("{\"type\":\"message\",\"text\":\"a\u200B\u200C\u200D\u2060\uFEFF\u202E\u2066b\"}"), 200) },
            { "zero-width space as the type", (() => Utf8("{\"type\":\"\u200B\"}"), 200) },
            { "no-break space as the type", (() => Utf8("{\"type\":\"\u00A0\"}"), 400) },
            { "line separator as the type", (() => Utf8("{\"type\":\"\\u2028\"}"), 400) },
            { "a 1 MB word", (() => Utf8("{\"type\":\"message\",\"text\":\"" + string.Concat(Enumerable.Repeat("pneumonoultramicroscopic", 40_000)) + "\"}"), 200) },
            // nulls
            { "every field null but type", (() => Utf8("{\"type\":\"message\"," + string.Join(",", TypedFields.Select(f => $"\"{f.Name}\":null")) + "}"), 200) },
            { "every field null", (() => Utf8("{\"type\":null," + string.Join(",", TypedFields.Select(f => $"\"{f.Name}\":null")) + "}"), 400) },
            { "nulls inside every object and list", (() => Utf8("""{"type":"message","from":{"id":null,"name":null},"conversation":{"id":null,"isGroup":null},"membersAdded":[null,{"id":null}],"attachments":[null,{"content":null}],"entities":[null,{"type":null}],"suggestedActions":{"to":[null],"actions":[null,{"value":null}]}}"""), 200) },
            { "suggestedActions with null actions", (() => Utf8("""{"type":"message","suggestedActions":{"actions":null}}"""), 200) },
            // duplicate keys (the last one wins)
            { "type twice", (() => Utf8("""{"type":"typing","type":"message"}"""), 200) },
            { "type then null type", (() => Utf8("""{"type":"message","type":null}"""), 400) },
            { "null type then type", (() => Utf8("""{"type":null,"type":"message"}"""), 200) },
            { "type and TYPE", (() => Utf8("""{"type":"message","TYPE":"event"}"""), 200) },
            { "from twice", (() => Utf8("""{"type":"message","from":{"id":"a"},"from":{"id":"b"}}"""), 200) },
            { "duplicate key inside from", (() => Utf8("""{"type":"message","from":{"id":"a","id":"b","x":1,"x":2}}"""), 200) },
            { "wrong type then right type", (() => Utf8("""{"type":"message","text":1,"text":"hi"}"""), 400) },
            // numbers
            { "isGroup as a huge number", (() => Utf8("""{"type":"message","conversation":{"isGroup":1e400}}"""), 400) },
            { "isGroup as 1", (() => Utf8("""{"type":"message","conversation":{"isGroup":1}}"""), 400) },
            { "timestamp as a number", (() => Utf8("""{"type":"message","timestamp":1741944413}"""), 400) },
            { "timestamp out of range", (() => Utf8("""{"type":"message","timestamp":"0001-01-01T00:00:00+14:00"}"""), 400) },
            { "timestamp at the far end", (() => Utf8("""{"type":"message","timestamp":"9999-12-31T23:59:59.9999999-14:00"}"""), 400) },
            { "timestamp year 10000", (() => Utf8("""{"type":"message","timestamp":"10000-01-01T00:00:00Z"}"""), 400) },
            { "value 1e400", (() => Utf8("""{"type":"message","value":1e400}"""), 200) },
            { "value -0 and huge integers", (() => Utf8("""{"type":"message","value":[-0,123456789012345678901234567890,1E-400]}"""), 200) },
            { "NaN", (() => Utf8("""{"type":"message","value":NaN}"""), 400) },
            { "Infinity", (() => Utf8("""{"type":"message","value":Infinity}"""), 400) },
            { "leading zeros", (() => Utf8("""{"type":"message","value":007}"""), 400) },
            { "hex number", (() => Utf8("""{"type":"message","value":0x1F}"""), 400) },
        };
        // A wrong JSON type for every field of the Activity: 400, except where the schema takes any JSON.
        foreach (var (name, kind) in TypedFields)
            foreach (var (label, json) in WrongValuesFor(kind))
                data.Add($"{name} as {label}", (() => Utf8($"{{\"type\":\"message\",\"{name}\":{json}}}"), kind == FieldKind.Any ? 200 : 400));
        foreach (var (label, json) in WrongValuesFor(FieldKind.String))
            data.Add($"type as {label}", (() => Utf8($"{{\"type\":{json}}}"), 400));
        foreach (var (inner, kind) in new[] { ("from", "id"), ("from", "name"), ("conversation", "id"), ("recipient", "role") })
            data.Add($"{inner}.{kind} as a number", (() => Utf8($"{{\"type\":\"message\",\"{inner}\":{{\"{kind}\":42}}}}"), 400));
        data.Add("attachment contentType as an object", (() => Utf8("""{"type":"message","attachments":[{"contentType":{}}]}"""), 400));
        data.Add("card action title as an array", (() => Utf8("""{"type":"message","suggestedActions":{"actions":[{"title":[]}]}}"""), 400));
        data.Add("suggestedActions.to as a string", (() => Utf8("""{"type":"message","suggestedActions":{"to":"user"}}"""), 400));
        data.Add("entity type as true", (() => Utf8("""{"type":"message","entities":[{"type":true}]}"""), 400));
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_nasty_body_gets_200_or_400_and_never_an_exception(string name)
    {
        var (body, expected) = Cases[name];
        var result = Read(body(), expected);
        Assert.True(expected == Either || result.StatusCode == expected, $"{name}: expected {expected}, got {result.StatusCode}");
    }

    [Fact]
    public void The_last_of_duplicate_keys_wins()
    {
        Assert.Equal("message", Read(Utf8("""{"type":"typing","type":"message"}"""), 200).Activity!.Type);
        Assert.Equal("event", Read(Utf8("""{"type":"message","TYPE":"event"}"""), 200).Activity!.Type);
        Assert.Equal("b", Read(Utf8("""{"type":"message","from":{"id":"a"},"from":{"id":"b"}}"""), 200).Activity!.From!.Id);
        Assert.Equal("2", Read(Utf8("""{"type":"message","x":1,"x":2}"""), 200).Activity!.Properties!["x"].GetRawText());
    }

    [Fact]
    public void Escaped_text_is_decoded_exactly()
    {
        Assert.Equal("a\0b", Read(Utf8("""{"type":"message","text":"a\u0000b"}"""), 200).Activity!.Text);
        Assert.Equal("😀", Read(Utf8("""{"type":"message","text":"\ud83d\ude00"}"""), 200).Activity!.Text);
        Assert.Equal(10_000_000, Read(Utf8("{\"type\":\"message\",\"text\":\"" + new string('a', 10_000_000) + "\"}"), 200).Activity!.Text!.Length);
    }

    [Fact]
    public void One_leading_UTF8_BOM_is_skipped()
    {
        var result = Read(Concat(new byte[] { 0xEF, 0xBB, 0xBF }, """{"type":"message","text":"hi"}"""), 200);

        Assert.Equal("hi", result.Activity!.Text);
    }

    // ---- ReadAsync: the HTTP side (content type, declared and real length) ----

    public static TheoryData<string, string?, long?, int, int> Requests() => new()
    {
        // name, content type, declared length (null: none), body length, expected status
        { "declared length smaller than the body, body over the limit", "application/json", 10, 300_000, 413 },
        { "declared length huge, body tiny", "application/json", long.MaxValue, 20, 413 },
        { "declared length zero, body over the limit", "application/json", 0, 300_000, 413 },
        { "no declared length, body over the limit", "application/json", null, 300_000, 413 },
        { "no declared length, body at the limit", "application/json", null, 262_144, 200 },
        { "empty body", "application/json", 0, 0, 400 },
        { "upper-case media type", "APPLICATION/JSON; CHARSET=UTF-8", null, 100, 200 },
        { "structured +json suffix", "application/vnd.api+json", null, 100, 200 },
        { "text/json", "text/json", null, 100, 415 },
        { "no content type", null, null, 100, 415 },
        { "empty content type", "", null, 100, 415 },
        { "NUL in the content type", "application/json\0", null, 100, 415 }, // not a media type (issue 11: parsed, not searched)
        { "+json in a parameter", "text/plain; x=+json", null, 100, 415 },
        { "415 comes before 413", "text/plain", 10_000_000, 100, 415 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void ReadAsync_checks_type_then_size_then_body(string name, string? contentType, long? declaredLength, int bodyLength, int expected)
    {
        var body = PaddedActivity(bodyLength);
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.ContentLength = declaredLength;
        http.Request.Body = new MemoryStream(body);

        ActivityReadResult? result = null;
        Fuzz.Bounded(() => result = ActivityRequestReader.ReadAsync(http.Request, 262_144, CancellationToken.None).GetAwaiter().GetResult());

        ActivityReaderPropertyTests.AssertWellFormed(result!, 200, 400, 413, 415);
        Assert.True(expected == result!.StatusCode, $"{name}: expected {expected}, got {result.StatusCode} ({result.Error?.Error.Message})");
    }

    /// <summary>A valid activity of exactly <paramref name="length"/> bytes (empty for 0).</summary>
    private static byte[] PaddedActivity(int length)
    {
        if (length == 0) return [];
        const string head = "{\"type\":\"message\",\"x\":\"", tail = "\"}";
        return Utf8(head + new string('p', Math.Max(0, length - head.Length - tail.Length)) + tail);
    }

    // ---- The Activity's typed fields and values of the wrong JSON type for each ----

    public enum FieldKind { String, Date, Object, Array, Any }

    private static readonly (string Name, FieldKind Kind)[] TypedFields =
    [
        ("id", FieldKind.String), ("timestamp", FieldKind.Date), ("localTimestamp", FieldKind.Date), ("localTimezone", FieldKind.String),
        ("serviceUrl", FieldKind.String), ("channelId", FieldKind.String), ("from", FieldKind.Object), ("conversation", FieldKind.Object),
        ("recipient", FieldKind.Object), ("textFormat", FieldKind.String), ("attachmentLayout", FieldKind.String),
        ("membersAdded", FieldKind.Array), ("membersRemoved", FieldKind.Array), ("locale", FieldKind.String), ("text", FieldKind.String),
        ("speak", FieldKind.String), ("inputHint", FieldKind.String), ("summary", FieldKind.String), ("suggestedActions", FieldKind.Object),
        ("attachments", FieldKind.Array), ("entities", FieldKind.Array), ("channelData", FieldKind.Any), ("replyToId", FieldKind.String),
        ("name", FieldKind.String), ("value", FieldKind.Any), ("valueType", FieldKind.String), ("code", FieldKind.String),
        ("deliveryMode", FieldKind.String), ("callerId", FieldKind.String),
    ];

    private static IEnumerable<(string Label, string Json)> WrongValuesFor(FieldKind kind)
    {
        (string, string)[] all =
        [
            ("an integer", "42"), ("a huge number", "1e400"), ("a negative fraction", "-0.5"), ("true", "true"), ("false", "false"),
            ("an object", "{\"a\":1}"), ("an empty object", "{}"), ("an array", "[\"a\"]"), ("an empty array", "[]"), ("a string", "\"text\""),
            ("an empty string", "\"\""),
        ];
        return kind switch
        {
            FieldKind.String => all.Where(v => !v.Item2.StartsWith('"')),
            FieldKind.Date => all,
            FieldKind.Object => all.Where(v => !v.Item2.StartsWith('{')),
            FieldKind.Array => all.Where(v => !v.Item2.StartsWith('[')),
            _ => all,
        };
    }
}
