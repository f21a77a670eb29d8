using AcuBot.Bot;
using AcuBot.Bot.Safety;
using AcuBot.Bot.SmallTalk;
using AcuBot.Knowledge.Search;
using AcuBot.Tests.Support;
using CsCheck;

namespace AcuBot.Tests.Fuzzing;

/// <summary>
/// Properties of the checks that run before the search: <see cref="MessageText"/>, the red-flag rules
/// (parsing any file, matching any message: total and fast) and small-talk detection. Red flags are
/// the safety net, so besides "never throws" they are checked to survive the noise patients type:
/// other letter case, punctuation, emoji and invisible characters, harmless words before and after.
/// </summary>
public sealed class MessagePipelinePropertyTests
{
    private static readonly string RedFlagFile = File.ReadAllText(Path.Combine(RepoPaths.Knowledge, "red-flags.txt"));
    private static readonly RedFlagRules Rules = RedFlagRules.Parse(RedFlagFile, out _);
    private static readonly SmallTalkDetector SmallTalk = new();

    /// <summary>Any message: a few thousand characters at most (the bot refuses longer ones before these checks run), and some much longer.</summary>
    private static readonly Gen<string> Messages = Gen.Frequency(
        (6, MessageGen.AnyMessage),
        (2, MessageGen.Nasty(300, loneSurrogates: true)),
        (1, Gen.Select(Gen.OneOf(MessageGen.RedFlagStatements), Gen.Int[100, 3000]).Select((s, n) => MessageGen.Repeat(s + " ", n))),
        (1, Gen.Select(Gen.Char['a', 'z'], Gen.Int[1, 20_000]).Select((c, n) => new string(c, n))),
        (1, Gen.OneOf("chest", "numbness", "bladder", "suicidal", "feverish", "collapse").Array[100, 2000].Select(w => string.Join(' ', w ?? []))));

    [Fact]
    public void MessageText_words_are_lower_case_letters_and_digits_and_reading_them_again_changes_nothing() =>
        Fuzz.Check(Messages, text =>
        {
            var message = new MessageText(text);

            Assert.All(message.Words, w => Assert.NotEqual("", w));
            Assert.All(message.Words, w => Assert.True(w.All(c => char.IsLetterOrDigit(c) && char.ToLowerInvariant(c) == c), $"word {Fuzz.Literal(w)}"));
            Assert.Equal(string.Join(' ', message.Words), message.Joined);
            Assert.Equal(message.Words, new MessageText(message.Joined).Words);
            // One sentence ending with "?" asks; a question followed by a statement ("...? it's been 20 mins now") does not only ask.
            var oneSentence = text.TrimEnd().TrimEnd('?').IndexOfAny(['.', '!', '?', '\n']) < 0;
            if (oneSentence && text.TrimEnd().EndsWith('?') && message.Words.Length > 0) Assert.True(message.IsQuestion);
        }, iterations: 1000);

    [Fact]
    public void Red_flag_matching_is_total_and_fast_for_any_message() =>
        Fuzz.Check(Messages, text =>
        {
            var match = Rules.Match(new MessageText(text));

            if (match is not null) Assert.False(string.IsNullOrWhiteSpace(match.Description));
            Assert.Equal(match, Rules.Match(new MessageText(text)));
        }, iterations: 1000, caseBudget: TimeSpan.FromSeconds(1));

    [Fact]
    public void Every_seed_red_flag_statement_is_flagged_and_no_neutral_word_is()
    {
        foreach (var statement in MessageGen.RedFlagStatements)
            Assert.True(Rules.Match(new MessageText(statement)) is not null, $"not flagged: {statement}");
        foreach (var word in MessageGen.NeutralWords)
            Assert.Null(Rules.Match(new MessageText("I " + word + " " + string.Join(' ', MessageGen.NeutralWords))));
        // No phrase of a pattern is made of neutral words alone, nor of words one typo away from them (see
        // RedFlagRules' PhraseWord): noise could then complete a pattern. A neutral word beside another
        // ("cutting again") needs that other word too.
        var phrases = RedFlagFile.ReplaceLineEndings("\n").Split('\n')
            .Where(l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#') && !t.StartsWith('[') && !t.StartsWith(RedFlagRules.ExamplePrefix) && !t.StartsWith(RedFlagRules.UnlessPrefix))
            .SelectMany(l => l.Split(['+', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => p.Replace("'", "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        static bool IsNeutral(string pattern) => MessageGen.NeutralWords.Any(word => pattern.EndsWith('*')
            ? word.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : word == pattern || pattern.Length >= 5 && word.Length >= 4 && word[0] == pattern[0] && EditDistance.Compute(pattern, word, 1) <= 1);
        foreach (var phrase in phrases)
            Assert.False(phrase.All(IsNeutral), $"the phrase '{string.Join(' ', phrase)}' is made of neutral words only");
    }

    /// <summary>A red flag stays a red flag, of the same category, whatever case, punctuation, emoji and harmless words surround it.</summary>
    [Fact]
    public void A_red_flag_statement_is_flagged_through_noise_and_harmless_words() =>
        Fuzz.Check(MessageGen.RedFlagMessage, input =>
        {
            var expected = Rules.Match(new MessageText(input.Statement));
            var actual = Rules.Match(new MessageText(input.Message));

            Assert.NotNull(actual);
            Assert.Equal(expected!.Category, actual.Category);
        }, iterations: 800, print: m => Fuzz.Literal(m.Message));

    [Fact]
    public void Red_flag_files_of_any_text_parse_without_throwing_and_report_problems_by_line() =>
        Fuzz.Check(Gen.OneOf(MessageGen.Nasty(200, loneSurrogates: true), RedFlagFileText), text =>
        {
            var rules = RedFlagRules.Parse(text, out var problems);

            var lines = text.ReplaceLineEndings("\n").Split('\n').Length;
            Assert.All(problems, p => Assert.Matches(@"^line \d+: ", p));
            Assert.All(problems, p => Assert.InRange(int.Parse(p[5..p.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture), 1, lines));
            Assert.True(rules.Count >= 0);
            rules.Match(new MessageText("I have chest pain and I can't feel my legs"));
        }, iterations: 600);

    /// <summary>A rule file generated from words, and a message that states one of its patterns: the message is flagged.</summary>
    [Fact]
    public void A_message_stating_a_pattern_of_any_generated_rule_file_is_flagged() =>
        Fuzz.Check(GeneratedRules, input =>
        {
            var (file, message, category) = input;
            var rules = RedFlagRules.Parse(file, out var problems);

            Assert.Empty(problems);
            var match = rules.Match(new MessageText(message));
            Assert.NotNull(match);
            // Crisis rules win over emergency ones, so a crisis pattern always gives a crisis match.
            if (category == RedFlagCategory.Crisis) Assert.Equal(RedFlagCategory.Crisis, match.Category);
        }, iterations: 600, print: i => Fuzz.Literal(i.File) + " / " + Fuzz.Literal(i.Message));

    private static readonly string[] RuleWords = ["pain", "numb", "tingling", "bleeding", "faint", "dizzy", "swelling", "rash", "vomiting", "blurred", "vision", "jaw", "arm", "shoulder", "stomach"];

    private static readonly Gen<(string File, string Message, RedFlagCategory Category)> GeneratedRules = Gen.Select(
            Gen.Select(Gen.OneOf(RuleWords).Array[1, 3], Gen.Bool).Array[1, 3].Array[1, 3], // patterns: groups of phrases (a phrase: words, wildcard last?)
            Gen.Enum<RedFlagCategory>(), Gen.Int[0, 2], Gen.Int)
        .Select((patterns, category, which, seed) =>
        {
            var random = new Random(seed);
            var lines = new List<string> { "# generated", $"[{category.ToString().ToLowerInvariant()}] Generated rule" };
            patterns ??= [[([RuleWords[0]], false)]];
            foreach (var groups in patterns)
                lines.Add(string.Join(random.Next(2) == 0 ? " + " : "+", (groups ?? []).Select(g => string.Join(' ', g.Item1 ?? []) + (g.Item2 ? "*" : ""))));
            // The message states every group of one pattern (its first phrase; a wildcard word gets an ending).
            var chosen = patterns[which % patterns.Length] ?? [];
            var said = chosen.Select(g => string.Join(' ', g.Item1 ?? []) + (g.Item2 ? "ness" : ""));
            return (string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines), "I have " + string.Join(" and ", said) + " today", category);
        });

    private static readonly Gen<string> RedFlagFileText = Gen.Select(
            Gen.Frequency(
                (3, Gen.Select(Gen.OneOf(RuleWords).Array[1, 4], Gen.OneOf(" + ", "|", " ", "+", "||", "*", " * ")).Select((w, sep) => string.Join(sep, w ?? []))),
                (1, Gen.OneOf("[emergency] x", "[crisis]", "[Emergency]   y ", "[other] z", "[", "[]", "]", "[emergency", "# comment", "", "+", "|", "*", "**", "+ |", "can't*", "’", "\t")),
                (1, MessageGen.Nasty(20))).Array[0, 20],
            Gen.OneOf("\n", "\r\n", "\r"))
        .Select((lines, newline) => string.Join(newline, lines ?? []));

    [Fact]
    public void Small_talk_detection_is_total_and_fast_for_any_message() =>
        Fuzz.Check(Messages, text =>
        {
            var message = new MessageText(text);
            var intent = SmallTalk.Detect(message);
            Assert.Equal(intent, SmallTalk.Detect(message));
            if (message.Words.Intersect(MessageGen.SubstantiveWords).Any()) Assert.Null(intent);
        }, iterations: 1000, caseBudget: TimeSpan.FromSeconds(1));

    [Fact]
    public void Small_talk_is_recognised_through_noise() =>
        Fuzz.Check(MessageGen.SmallTalk.SelectMany(talk => MessageGen.Noisy(talk).Select(noisy => (talk, noisy))), input =>
        {
            var intent = SmallTalk.Detect(new MessageText(input.noisy));
            Assert.NotNull(intent);
            Assert.Equal(SmallTalk.Detect(new MessageText(input.talk)), intent);
        }, iterations: 800, print: i => Fuzz.Literal(i.noisy));

    /// <summary>"hi, does it hurt?" is a question that starts with a greeting, not small talk.</summary>
    [Fact]
    public void Small_talk_with_a_substantive_word_is_not_small_talk() =>
        Fuzz.Check(Gen.Select(MessageGen.SmallTalk, Gen.OneOf(MessageGen.SubstantiveWords), Gen.Bool), input =>
        {
            var (talk, word, before) = input;
            var text = before ? word + " " + talk : talk + " " + word;
            Assert.Null(SmallTalk.Detect(new MessageText(text)));
        }, iterations: 500);
}
