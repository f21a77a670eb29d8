using System.Globalization;
using System.Text;
using CsCheck;

namespace AcuBot.Protocol.Tests.Fuzzing;

/// <summary>Text that breaks naive code: control characters, invisible and bidi marks, RTL, emoji, lone surrogates.</summary>
internal static class NastyText
{
    private static readonly Gen<string> Ascii = Gen.Char[' ', '~'].Select(c => c.ToString());
    private static readonly Gen<string> Control = Gen.Char['\0', '\u001F'].Select(c => c.ToString());
    private static readonly Gen<string> Invisible = Gen.Char["\u200B\u200C\u200D\u200E\u200F\u2060\uFEFF\u00AD\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C\u180E"].Select(c => c.ToString());
    private static readonly Gen<string> Whitespace = Gen.Char[" \t\n\r\v\f\u00A0\u1680\u2000\u2003\u2028\u2029\u3000\u0085\u202F"].Select(c => c.ToString());
    private static readonly Gen<string> RightToLeft = Gen.Char['\u0590', '\u06FF'].Select(c => c.ToString());
    private static readonly Gen<string> Cjk = Gen.Char['\u4E00', '\u4FFF'].Select(c => c.ToString());
    private static readonly Gen<string> Combining = Gen.Char['\u0300', '\u036F'].Select(c => c.ToString());
    private static readonly Gen<string> AnyValidBmp = Gen.OneOf(Gen.Char['\u0000', '\uD7FF'], Gen.Char['\uE000', '\uFFFF']).Select(c => c.ToString());
    private static readonly Gen<string> Emoji = Gen.OneOf("😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\U0010FFFF", "\U0001F4A9");
    private static readonly Gen<string> LoneSurrogate = Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString());
    private static readonly Gen<string> Tricky = Gen.OneOf("\"", "\\", "/", "\\u0000", "{", "}", "[", "]", ":", ",", "'", "null", "<script>", "%00", "&#0;", "\r\n", "İ", "ß", "ﬃ", "ſ");

    /// <summary>One piece of text: a character, a surrogate pair or a short tricky sequence.</summary>
    public static Gen<string> Piece(bool loneSurrogates)
    {
        var pieces = new List<(int, IGen<string>)>
        {
            (40, Ascii), (4, Control), (4, Invisible), (6, Whitespace), (5, RightToLeft), (3, Cjk), (3, Combining),
            (5, AnyValidBmp), (5, Emoji), (4, Tricky),
        };
        if (loneSurrogates) pieces.Add((3, LoneSurrogate));
        return Gen.Frequency(pieces.ToArray());
    }

    public static Gen<string> String(int maxPieces, bool loneSurrogates = false) =>
        Piece(loneSurrogates).Array[0, maxPieces].Select(a => string.Concat(a ?? []));

    /// <summary>A JSON string literal for <paramref name="value"/>, with escapes chosen by <paramref name="random"/>.</summary>
    public static string JsonLiteral(string value, Random random)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); continue;
                case '\\': builder.Append("\\\\"); continue;
                case '\n': builder.Append(random.Next(4) == 0 ? "\\u000a" : "\\n"); continue;
                case '\r': builder.Append("\\r"); continue;
                case '\t': builder.Append("\\t"); continue;
                case '\b': builder.Append("\\b"); continue;
                case '\f': builder.Append("\\f"); continue;
                case '/': builder.Append(random.Next(3) == 0 ? "\\/" : "/"); continue;
            }
            if (c < 0x20 || char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
            {
                // Control characters must be escaped; a lone surrogate cannot be written as UTF-8 at all.
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else if (char.IsHighSurrogate(c))
            {
                if (random.Next(4) == 0) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}\\u{(int)value[i + 1]:X4}");
                else builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (c > 0x7E && random.Next(5) == 0) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}

/// <summary>A piece of generated JSON: its text, and whether the Activity reader must accept it where it is put.</summary>
internal sealed record JsonPiece(string Json, bool Valid);

/// <summary>A generated Activity body with what the reader must make of it.</summary>
internal sealed record GeneratedActivity(string Json, bool Valid, string? Type, bool HasText, string? Text, IReadOnlyDictionary<string, string> Unknown)
{
    /// <summary>
    /// The reader's answer: 200 only for a well-typed activity with a type, all of whose strings are text
    /// (an escaped half of a surrogate pair anywhere, even in a field the bot does not read, is refused).
    /// </summary>
    public int ExpectedStatus => Valid && AllStringsAreText && !string.IsNullOrWhiteSpace(Type) ? 200 : 400;

    public bool AllStringsAreText { get; } = JsonGen.AllStringsAreText(Json);

    public override string ToString() => Fuzz.Literal(Json);
}

/// <summary>Generators of JSON values and Activity bodies.</summary>
internal static class JsonGen
{
    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOf("0", "-0", "0.0", "1e400", "-1e400", "1E-400", "123456789012345678901234567890123456789", "1.7976931348623157e308",
            "4.9e-324", "-9223372036854775809", "18446744073709551616", "0.1e1", "1E+2", "-0.0000000000000000000001"));

    /// <summary>A string value (valid Unicode unless <paramref name="loneSurrogates"/>) as a JSON literal.</summary>
    public static Gen<string> StringLiteral(int maxPieces = 12, bool loneSurrogates = false) =>
        Gen.Select(NastyText.String(maxPieces, loneSurrogates), Gen.Int, (s, seed) => NastyText.JsonLiteral(s, new Random(seed)));

    private static Gen<string> Scalar(bool loneSurrogates) => Gen.Frequency(
        (2, Gen.OneOf("null", "true", "false")),
        (3, Numbers),
        (4, StringLiteral(12, loneSurrogates)));

    /// <summary>Any JSON value, nested at most <paramref name="maxDepth"/> levels.</summary>
    public static Gen<string> Value(int maxDepth = 4, bool loneSurrogates = true) => Gen.Recursive<string>((depth, self) =>
        depth >= maxDepth
            ? Scalar(loneSurrogates)
            : Gen.Frequency(
                (4, Scalar(loneSurrogates)),
                (1, self.Array[0, 4].Select(items => "[" + string.Join(",", items ?? []) + "]")),
                (1, Gen.Select(StringLiteral(6, loneSurrogates), self).Array[0, 4]
                    .Select(members => "{" + string.Join(",", (members ?? []).Select(m => m.Item1 + ":" + m.Item2)) + "}"))));

    /// <summary>A key no Activity type knows ("x-..."), so it lands in the extension data.</summary>
    public static readonly Gen<string> UnknownKey = NastyText.String(6).Select(s => "x-" + s);

    // ---- Typed Activity members: each generator says whether the reader must accept what it made. ----

    private static readonly Gen<JsonPiece> GoodString = Gen.Frequency(
        (6, StringLiteral().Select(s => new JsonPiece(s, true))),
        (1, Gen.Const(new JsonPiece("null", true))));

    /// <summary>Anything but a string (or null): numbers, booleans, objects, arrays.</summary>
    private static readonly Gen<JsonPiece> NotAString = Gen.OneOf(
        Numbers, Gen.OneOf("true", "false", "{}", "[]", "[\"a\"]", "{\"a\":1}", "[null]")).Select(s => new JsonPiece(s, false));

    private static readonly Gen<JsonPiece> StringMember = Gen.Frequency((8, GoodString), (1, NotAString));

    private static readonly Gen<JsonPiece> DateMember = Gen.Frequency(
        (6, Gen.Select(Gen.Int[1900, 2100], Gen.Int[1, 365], Gen.Int[0, 86_399], Gen.Int[-14 * 60, 14 * 60], Gen.Int[0, 3])
            .Select((year, day, second, offset, format) =>
            {
                var at = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(offset)).AddDays(day - 1).AddSeconds(second);
                var text = format switch
                {
                    0 => at.ToString("O", CultureInfo.InvariantCulture),
                    1 => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    2 => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    _ => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                };
                return new JsonPiece("\"" + text + "\"", true);
            })),
        (1, Gen.Const(new JsonPiece("null", true))),
        (2, Gen.OneOf("\"yesterday\"", "\"\"", "\"2025-13-01\"", "\"2025-02-30T00:00:00Z\"", "\"0001-01-01T00:00:00+14:00\"",
                "\"9999-12-31T23:59:59-14:00\"", "\"2025-03-14T25:00:00Z\"", "\"\\u0000\"", "1741944413", "true", "{}", "[]", "1e400")
            .Select(s => new JsonPiece(s, false))));

    private static readonly Gen<JsonPiece> BoolMember = Gen.Frequency(
        (4, Gen.OneOf("true", "false", "null").Select(s => new JsonPiece(s, true))),
        (1, Gen.OneOf("1", "0", "\"true\"", "\"\"", "{}", "[]", "1e400").Select(s => new JsonPiece(s, false))));

    private static readonly Gen<JsonPiece> ElementMember = Value(4).Select(s => new JsonPiece(s, true));

    private static readonly Gen<JsonPiece> NotAnObject = Gen.OneOf(Numbers, Gen.OneOf("true", "false", "[]", "[{}]", "\"{}\"", "\"\""))
        .Select(s => new JsonPiece(s, false));

    private static readonly Gen<JsonPiece> NotAnArray = Gen.OneOf(Numbers, Gen.OneOf("true", "false", "{}", "{\"0\":{}}", "\"[]\""))
        .Select(s => new JsonPiece(s, false));

    private static readonly (string Name, Gen<JsonPiece> Gen)[] ChannelAccountFields =
        [("id", StringMember), ("name", StringMember), ("aadObjectId", StringMember), ("role", StringMember)];

    private static readonly (string Name, Gen<JsonPiece> Gen)[] ConversationFields =
        [.. ChannelAccountFields, ("isGroup", BoolMember), ("conversationType", StringMember), ("tenantId", StringMember)];

    private static readonly (string Name, Gen<JsonPiece> Gen)[] CardActionFields =
        [("type", StringMember), ("title", StringMember), ("image", StringMember), ("text", StringMember), ("displayText", StringMember), ("value", ElementMember)];

    private static readonly (string Name, Gen<JsonPiece> Gen)[] AttachmentFields =
        [("contentType", StringMember), ("contentUrl", StringMember), ("name", StringMember), ("thumbnailUrl", StringMember), ("content", ElementMember)];

    private static readonly (string Name, Gen<JsonPiece> Gen)[] EntityFields = [("type", StringMember)];

    /// <summary>An object with some of <paramref name="fields"/> (in any order) and, when it keeps unknown fields, a few of those.</summary>
    private static Gen<JsonPiece> ObjectOf((string Name, Gen<JsonPiece> Gen)[] fields, bool keepsUnknown)
    {
        var member = Gen.Int[0, fields.Length - 1].SelectMany(i => fields[i].Gen.Select(v => (Key: "\"" + fields[i].Name + "\"", Value: v)));
        var unknown = Gen.Select(UnknownKey, Value(2)).Select((k, v) => (Key: NastyText.JsonLiteral(k, new Random(k.Length)), Value: new JsonPiece(v, true)));
        var members = keepsUnknown ? Gen.Frequency((4, member), (1, unknown)) : member;
        var good = members.Array[0, 4].Select(ms =>
        {
            ms ??= [];
            return new JsonPiece("{" + string.Join(",", ms.Select(m => m.Key + ":" + m.Value.Json)) + "}", ms.All(m => m.Value.Valid));
        });
        return Gen.Frequency((8, good), (1, Gen.Const(new JsonPiece("null", true))), (1, NotAnObject));
    }

    private static Gen<JsonPiece> ArrayOf(Gen<JsonPiece> item)
    {
        var good = Gen.Frequency((6, item), (1, Gen.Const(new JsonPiece("null", true)))).Array[0, 3]
            .Select(items => new JsonPiece("[" + string.Join(",", (items ?? []).Select(i => i.Json)) + "]", (items ?? []).All(i => i.Valid)));
        return Gen.Frequency((8, good), (1, Gen.Const(new JsonPiece("null", true))), (1, NotAnArray));
    }

    private static readonly Gen<JsonPiece> ChannelAccount = ObjectOf(ChannelAccountFields, keepsUnknown: true);

    private static readonly Gen<JsonPiece> SuggestedActions = ObjectOf(
        [("to", ArrayOf(StringMember)), ("actions", ArrayOf(ObjectOf(CardActionFields, keepsUnknown: true)))], keepsUnknown: false);

    /// <summary>Every typed field of an Activity with a generator of its (mostly well-typed) values.</summary>
    public static readonly (string Name, Gen<JsonPiece> Gen)[] ActivityFields =
    [
        ("id", StringMember), ("timestamp", DateMember), ("localTimestamp", DateMember), ("localTimezone", StringMember),
        ("serviceUrl", StringMember), ("channelId", StringMember), ("from", ChannelAccount),
        ("conversation", ObjectOf(ConversationFields, keepsUnknown: true)), ("recipient", ChannelAccount),
        ("textFormat", StringMember), ("attachmentLayout", StringMember), ("membersAdded", ArrayOf(ChannelAccount)),
        ("membersRemoved", ArrayOf(ChannelAccount)), ("locale", StringMember), ("text", StringMember), ("speak", StringMember),
        ("inputHint", StringMember), ("summary", StringMember), ("suggestedActions", SuggestedActions),
        ("attachments", ArrayOf(ObjectOf(AttachmentFields, keepsUnknown: true))), ("entities", ArrayOf(ObjectOf(EntityFields, keepsUnknown: true))),
        ("channelData", ElementMember), ("replyToId", StringMember), ("name", StringMember), ("value", ElementMember),
        ("valueType", StringMember), ("code", StringMember), ("deliveryMode", StringMember), ("callerId", StringMember),
    ];

    private static readonly Gen<string> TypeValue = Gen.Frequency(
        (10, Gen.OneOf("message", "conversationUpdate", "typing", "event", "invoke", "endOfConversation", "MESSAGE", " message ")),
        (2, NastyText.String(6)),
        (2, Gen.OneOf("", " ", "\t\n", "\u00A0", "\u2028", "\u3000")));

    private sealed record Member(string Name, string Key, JsonPiece Value, string? Decoded);

    /// <summary>
    /// An Activity body: some typed fields (mostly well-typed, some null, some of the wrong type), unknown
    /// fields, keys in other cases and repeated keys (the last one wins), all in random order and spacing.
    /// </summary>
    public static readonly Gen<GeneratedActivity> Activity = Gen.Select(
            Gen.Int[0, ActivityFields.Length - 1].SelectMany(i => ActivityFields[i].Gen.Select(v => (Field: i, Value: v))).Array[0, 8],
            Gen.Frequency((5, TypeValue.Select(t => (string?)t)), (1, Gen.Const((string?)null))).Array[0, 2],
            Gen.Select(UnknownKey, Value(3)).Array[0, 3],
            NastyText.String(10).Select(t => (string?)t).Array[0, 2],
            Gen.Int)
        .Select((typed, types, unknown, texts, seed) =>
        {
            var random = new Random(seed);
            var members = new List<Member>();
            foreach (var (field, value) in typed ?? []) members.Add(new Member(ActivityFields[field].Name, Case(ActivityFields[field].Name, random), value, null));
            foreach (var type in types ?? [])
                members.Add(new Member("type", Case("type", random), new JsonPiece(type is null ? "null" : NastyText.JsonLiteral(type, random), true), type));
            foreach (var text in texts ?? [])
                members.Add(new Member("text", Case("text", random), new JsonPiece(text is null ? "null" : NastyText.JsonLiteral(text, random), true), text));
            foreach (var (key, value) in unknown ?? []) members.Add(new Member(key, key, new JsonPiece(value, true), null));
            Shuffle(members, random);

            var json = new StringBuilder();
            json.Append(Space(random)).Append('{');
            for (var i = 0; i < members.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.Append(Space(random)).Append(NastyText.JsonLiteral(members[i].Key, random)).Append(Space(random)).Append(':')
                    .Append(Space(random)).Append(members[i].Value.Json).Append(Space(random));
            }
            json.Append('}').Append(Space(random));

            var lastType = members.LastOrDefault(m => m.Name == "type");
            var lastText = members.LastOrDefault(m => m.Name == "text");
            var lastUnknown = members.Where(m => m.Name.StartsWith("x-", StringComparison.Ordinal))
                .GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value.Json, StringComparer.Ordinal);
            var valid = members.All(m => m.Value.Valid);
            return new GeneratedActivity(json.ToString(), valid, lastType?.Decoded, lastText is not null,
                lastText is null || !valid ? null : TextOf(lastText), lastUnknown);
        });

    private static string? TextOf(Member text) => text.Value.Json == "null" ? null : text.Decoded ?? System.Text.Json.JsonSerializer.Deserialize<string>(text.Value.Json);

    /// <summary>The reader matches names case-insensitively: "text", "Text" and "TEXT" are one field.</summary>
    private static string Case(string name, Random random) => random.Next(6) switch
    {
        0 => name.ToUpperInvariant(),
        1 => char.ToUpperInvariant(name[0]) + name[1..],
        _ => name,
    };

    private static string Space(Random random) => random.Next(8) switch
    {
        0 => " ",
        1 => "\n",
        2 => "\r\n\t",
        3 => "  ",
        _ => "",
    };

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Whether every string and property name of the JSON decodes to valid UTF-16 (no lone surrogate).</summary>
    public static bool AllStringsAreText(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return IsText(document.RootElement);

        static bool IsText(System.Text.Json.JsonElement element)
        {
            try
            {
                return element.ValueKind switch
                {
                    System.Text.Json.JsonValueKind.String => element.GetString() is not null,
                    System.Text.Json.JsonValueKind.Array => element.EnumerateArray().All(IsText),
                    System.Text.Json.JsonValueKind.Object => element.EnumerateObject().All(p => p.Name is not null && IsText(p.Value)),
                    _ => true,
                };
            }
            catch (InvalidOperationException)
            {
                return false; // "Cannot read invalid UTF-16 JSON text as string"
            }
        }
    }

    // ---- Mutations of valid bodies ----

    /// <summary>Well-formed Activity bodies as channels send them, to mutate.</summary>
    public static readonly string[] SeedBodies =
    [
        """{"type":"message","id":"4bd8b1b0","timestamp":"2025-03-14T09:26:53.601Z","localTimestamp":"2025-03-14T10:26:53+01:00","localTimezone":"Europe/Paris","serviceUrl":"http://127.0.0.1:50123","channelId":"emulator","from":{"id":"9b0cd3f2","name":"User","role":"user"},"conversation":{"id":"c1|livechat"},"recipient":{"id":"4f8b2c6a","name":"Bot","role":"bot"},"textFormat":"plain","locale":"en-US","text":"Does acupuncture hurt?","attachments":[],"entities":[{"type":"ClientCapabilities","requiresBotState":true,"supportsListening":true,"supportsTts":true}],"channelData":{"clientActivityID":"17419","clientTimestamp":"2025-03-14T09:26:53.589Z"}}""",
        """{"type":"conversationUpdate","membersAdded":[{"id":"user1","name":"User"},{"id":"bot1","name":"Bot"}],"membersRemoved":[],"conversation":{"id":"c2","isGroup":false,"tenantId":"t"},"recipient":{"id":"bot1"},"serviceUrl":"http://127.0.0.1:1"}""",
        """{"type":"message","text":"price?","deliveryMode":"expectReplies","suggestedActions":{"to":["u"],"actions":[{"type":"imBack","title":"Yes","value":"yes"}]},"attachments":[{"contentType":"image/png","contentUrl":"http://127.0.0.1/a.png","content":{"a":[1,2.5,-3e10,null,true]}}],"value":{"k":"\u00e9\ud83d\ude00"},"x-custom":[{"deep":{"er":[]}}]}""",
    ];

    private static readonly byte[][] Tokens =
    [
        .. new[] { "null", "[", "]", "{", "}", "\"", ",", ":", "1e999", "-", "\\u", "\\ud800", "\\", "true", "{\"type\":\"message\"}", "\"type\"", "\"\":\"\"", "/*", "NaN" }
            .Select(Encoding.UTF8.GetBytes),
        [0xEF, 0xBB, 0xBF], [0x00], [0xFF], [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
        [0x0D], [0x0A], [0x09],
    ];

    /// <summary>One edit: the kind of change, where (taken modulo the length), how much, and what to put in.</summary>
    private sealed record Mutation(int Kind, uint Position, int Length, byte Byte, int Token);

    private static readonly Gen<Mutation> Mutations = Gen.Select(Gen.Int[0, 7], Gen.UInt, Gen.Int[1, 24], Gen.Byte, Gen.Int[0, Tokens.Length - 1])
        .Select((kind, position, length, value, token) => new Mutation(kind, position, length, value, token));

    /// <summary>A seed body with 1 to 8 byte-level edits: flips, inserts, deletions, duplications, truncation, tokens.</summary>
    public static readonly Gen<byte[]> MutatedBody = Gen.Select(Gen.Int[0, SeedBodies.Length - 1], Mutations.Array[1, 8])
        .Select((seed, edits) =>
        {
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(SeedBodies[seed]));
            foreach (var edit in edits ?? [])
            {
                var at = bytes.Count == 0 ? 0 : (int)(edit.Position % (uint)bytes.Count);
                var length = Math.Min(edit.Length, bytes.Count - at);
                switch (edit.Kind)
                {
                    case 0 when bytes.Count > 0: bytes[at] ^= (byte)(1 << (edit.Byte % 8)); break;
                    case 1: bytes.Insert(at, edit.Byte); break;
                    case 2: bytes.RemoveRange(at, length); break;
                    case 3: bytes.InsertRange(at, bytes.GetRange(at, length)); break;
                    case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                    case 5: bytes.InsertRange(at, Tokens[edit.Token]); break;
                    case 6: bytes.RemoveRange(at, length); bytes.InsertRange(at, Tokens[edit.Token]); break;
                    default: if (bytes.Count > 0) bytes[at] = edit.Byte; break;
                }
            }
            return bytes.ToArray();
        });

    /// <summary>Raw bytes, often ASCII JSON punctuation, sometimes anything.</summary>
    public static readonly Gen<byte[]> RandomBytes = Gen.Frequency(
        (3, Gen.Byte.Array[0, 64]),
        (3, Gen.Char["{}[]\":,0123456789.eE+-truefalsn \t\r\n\\u"].Array[0, 64].Select(cs => Encoding.UTF8.GetBytes(cs ?? []))),
        (2, Value(5).Select(Encoding.UTF8.GetBytes)));
}
