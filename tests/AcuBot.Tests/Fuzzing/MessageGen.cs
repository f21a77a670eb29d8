using System.Globalization;
using System.Text;
using CsCheck;

namespace AcuBot.Tests.Fuzzing;

/// <summary>Generators of what patients (and attackers) type: real questions, red-flag statements, small talk, and nasty text.</summary>
internal static class MessageGen
{
    // ---- nasty text ----

    private static readonly Gen<string> Ascii = Gen.Char[' ', '~'].Select(c => c.ToString());
    private static readonly Gen<string> Control = Gen.Char['\0', '\u001F'].Select(c => c.ToString());
    private static readonly Gen<string> Invisible = Gen.Char["\u200B\u200C\u200D\u200E\u200F\u2060\uFEFF\u00AD\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u061C"].Select(c => c.ToString());
    private static readonly Gen<string> Whitespace = Gen.Char[" \t\n\r\v\f\u00A0\u1680\u2000\u2003\u2028\u2029\u3000\u0085\u202F"].Select(c => c.ToString());
    private static readonly Gen<string> RightToLeft = Gen.Char['\u0590', '\u06FF'].Select(c => c.ToString());
    private static readonly Gen<string> Cjk = Gen.Char['\u4E00', '\u4FFF'].Select(c => c.ToString());
    private static readonly Gen<string> Combining = Gen.Char['\u0300', '\u036F'].Select(c => c.ToString());
    private static readonly Gen<string> AnyValidBmp = Gen.OneOf(Gen.Char['\u0000', '\uD7FF'], Gen.Char['\uE000', '\uFFFF']).Select(c => c.ToString());
    private static readonly Gen<string> Emoji = Gen.OneOf("😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\U0010FFFF", "💩");
    private static readonly Gen<string> Tricky = Gen.OneOf("\"", "\\", "'", "’", "‘", "?", "!", "*", "_", "`", "#", "[x](javascript:alert(1))", "<script>", "{{", "}}", "%s", "\r\n", "İ", "ß", "ﬃ", "ſ", "..." );
    private static readonly Gen<string> LoneSurrogate = Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString());

    private static Gen<string> Piece(bool loneSurrogates)
    {
        var pieces = new List<(int, IGen<string>)>
        {
            (40, Ascii), (3, Control), (4, Invisible), (6, Whitespace), (5, RightToLeft), (3, Cjk), (3, Combining), (4, AnyValidBmp), (5, Emoji), (5, Tricky),
        };
        if (loneSurrogates) pieces.Add((2, LoneSurrogate));
        return Gen.Frequency(pieces.ToArray());
    }

    /// <summary>Text of up to <paramref name="maxPieces"/> pieces of any kind (valid Unicode unless <paramref name="loneSurrogates"/>).</summary>
    public static Gen<string> Nasty(int maxPieces, bool loneSurrogates = false) =>
        Piece(loneSurrogates).Array[0, maxPieces].Select(a => string.Concat(a ?? []));

    // ---- what patients ask ----

    public static readonly string[] Questions =
    [
        "Does acupuncture hurt?", "What are the risks of acupuncture?", "What happens during a session?", "How long do the needles stay in?",
        "Is it safe when pregnant?", "How much does it cost?", "can acupuncture help my lower back", "what is acupuncture", "tell me more",
        "how long does it last?", "Are the needles clean", "accupunture risks??", "needles hurt?", "I'm scared of needles", "do you take insurance",
    ];

    /// <summary>Words that occur in no red-flag pattern and no small-talk phrase, and are not fillers: a message with one is a question.</summary>
    public static readonly string[] SubstantiveWords = ["acupuncture", "needles", "insurance", "session", "pregnant", "cost", "sterile", "meridians", "appointment", "massage"];

    /// <summary>
    /// Statements of red-flag symptoms in the first person, each of which the repository's red-flags.txt
    /// flags (checked by <c>Every_seed_red_flag_statement_is_flagged</c>).
    /// </summary>
    public static readonly string[] RedFlagStatements =
    [
        "I can't feel my legs", "my chest hurts", "I have crushing chest pain", "I want to kill myself", "I've lost control of my bladder",
        "I fell and now my back hurts", "I have a fever and my back aches", "my husband collapsed", "I think I'm having a heart attack",
        "I have numbness in my groin", "I feel suicidal", "my legs are getting weaker every day", "I keep thinking about ending my life",
        "I can't breathe", "my dad is unconscious",
    ];

    /// <summary>
    /// Words that neither make nor break a red flag: not negations, not in any pattern (checked by a test).
    /// Not "suddenly": a sudden change is part of what makes numb legs an emergency, and the patterns say so.
    /// </summary>
    public static readonly string[] NeutralWords =
        ["today", "since", "yesterday", "please", "really", "worried", "about", "this", "also", "morning", "evening", "quite", "frankly", "again", "now", "so", "very", "tell", "advise", "urgently"];

    /// <summary>Characters that separate words without being letters, digits, apostrophes or question marks.</summary>
    private static readonly Gen<string> Separator = Gen.Frequency(
        (6, Gen.Const(" ")),
        (2, Gen.OneOf(", ", "... ", "!! ", " - ", "\n", "\r\n", "\t", " ; ", " / ", "  ", " (", ") ", ": ", "\u00A0", "\u3000", " — ", "\u2028")),
        (1, Gen.OneOf(" 😀 ", " \u200B", "\u200F ", " \u202E", "\uFEFF ", " 👍🏽 ", " * ", " _ ", " # ")));

    /// <summary>
    /// The same words with other separators, letter case and emoji between them: whatever
    /// <see cref="Bot.MessageText"/> makes of the message, it makes the same of this.
    /// </summary>
    public static Gen<string> Noisy(string text) => Gen.Select(Separator.Array[64], Gen.Int)
        .Select((separators, seed) =>
        {
            var random = new Random(seed);
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var builder = new StringBuilder();
            separators ??= [" "];
            if (random.Next(3) == 0) builder.Append(separators[^1]);
            for (var i = 0; i < words.Length; i++)
            {
                if (i > 0) builder.Append(separators[i % separators.Length]);
                foreach (var c in words[i])
                    builder.Append(c is >= 'a' and <= 'z' && random.Next(3) == 0 ? char.ToUpperInvariant(c) : c is >= 'A' and <= 'Z' && random.Next(3) == 0 ? char.ToLowerInvariant(c) : c);
            }
            if (random.Next(3) == 0) builder.Append(random.Next(2) == 0 ? "!" : ".");
            return builder.ToString();
        });

    /// <summary>A red-flag statement with neutral words before and after it, noisy.</summary>
    public static readonly Gen<(string Statement, string Message)> RedFlagMessage = Gen.Select(
            Gen.OneOf(RedFlagStatements), Gen.OneOf(NeutralWords).Array[0, 4], Gen.OneOf(NeutralWords).Array[0, 6], Gen.Bool)
        .SelectMany((statement, before, after, asks) =>
        {
            var text = string.Join(' ', [.. before ?? [], statement, .. after ?? []]);
            return Noisy(text).Select(noisy => (statement, noisy + (asks ? " what should I do?" : "")));
        });

    public static readonly string[] Fillers = ["so", "much", "very", "really", "great", "nice", "ok", "okay", "again", "you", "all", "today", "please", "well", "just", "dear", "friend"];

    /// <summary>Small talk: a phrase with filler words around it (greetings only at the start, where they greet).</summary>
    public static readonly Gen<string> SmallTalk = Gen.OneOf(
        Gen.Select(Gen.OneOf("hi", "hello", "hey", "good morning", "hiya", "hello there"), Gen.OneOf(Fillers).Array[0, 3])
            .Select((greeting, rest) => string.Join(' ', [greeting, .. rest ?? []])),
        Gen.Select(Gen.OneOf(Fillers).Array[0, 3], Gen.OneOf("thanks", "thank you", "cheers", "bye", "goodbye", "see you", "take care", "have a good day", "who are you", "what can you do", "are you a bot"), Gen.OneOf(Fillers).Array[0, 3])
            .Select((before, phrase, after) => string.Join(' ', [.. before ?? [], phrase, .. after ?? []])));

    /// <summary>Anything a patient might send, from real questions to garbage, up to a little over the length limit.</summary>
    public static readonly Gen<string> AnyMessage = Gen.Frequency(
        (4, Gen.OneOf(Questions)),
        (2, Gen.OneOf(Questions).SelectMany(Noisy)),
        (2, RedFlagMessage.Select(m => m.Message)),
        (2, SmallTalk.SelectMany(Noisy)),
        (1, Gen.Select(SmallTalk, Gen.OneOf(Questions)).Select((talk, question) => talk + ", " + question)),
        (4, Nasty(40)),
        (1, Gen.OneOf("", " ", "\t\n", "\u200B", "\u00A0\u3000", "?", "!!!", "...", "'", "’’’", "\0", "\uFEFF")),
        (1, Gen.Select(Gen.Int[990, 1010], Gen.OneOf("a", "é", "😀", "? ", "needle ", " ")).Select((n, unit) => Repeat(unit, n))),
        (1, Gen.Int[1, 1000].Select(n => new string('x', n))));

    public static string Repeat(string unit, int totalChars)
    {
        var builder = new StringBuilder(totalChars + unit.Length);
        while (builder.Length < totalChars) builder.Append(unit);
        return builder.ToString(0, Math.Min(builder.Length, totalChars)) is var s && char.IsHighSurrogate(s[^1]) ? s[..^1] : s;
    }

    /// <summary>A JSON string literal (control characters and lone surrogates escaped).</summary>
    public static string JsonLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (c < 0x20 || char.IsLowSurrogate(c) || char.IsHighSurrogate(c) && !(i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else if (char.IsHighSurrogate(c)) builder.Append(c).Append(value[++i]);
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}
