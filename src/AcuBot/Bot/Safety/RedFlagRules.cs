using AcuBot.Knowledge.Embeddings;
using AcuBot.Knowledge.Search;

namespace AcuBot.Bot.Safety;

/// <summary>
/// What a red flag calls for first: a doctor today, the emergency number, or the crisis line. Ordered by
/// how much it matters when two rules match one message (the greater wins).
/// </summary>
public enum RedFlagCategory
{
    Urgent,
    Emergency,
    Crisis,
}

public sealed record RedFlagMatch(RedFlagCategory Category, string Description);

/// <summary>An example sentence of a rule, written as a patient might, for the meaning-based net.</summary>
public sealed record RedFlagExample(RedFlagMatch Flag, string Text);

/// <summary>
/// The clinic's red-flag symptom patterns (knowledge/red-flags.txt; its header explains the format)
/// and the matching of a message against them. A match that is plainly negated ("I don't have chest
/// pain") or a general question with no person in it ("can acupuncture cause chest pain?") does not
/// count; everything else that matches does, since a needless urgent reply costs far less than a
/// missed emergency.
/// </summary>
public sealed class RedFlagRules
{
    private static readonly HashSet<string> Negations = ["no", "not", "never", "dont", "doesnt", "didnt", "havent", "hasnt", "isnt", "arent", "wasnt", "without", "nor", "none"];

    private static readonly HashSet<string> PersonalWords =
    [
        "i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "our", "us", "he", "she", "his", "her", "him",
        "hes", "shes", "husband", "wife", "partner", "son", "daughter", "dad", "mum", "mom", "mother", "father",
        "friend", "child", "baby", "someone", "somebody", "brother", "sister", "grandma", "grandad", "grandpa",
        "both", // "both legs going numb, is acupuncture ok for that?": someone's two legs, not a general question
        "suddenly", // "can acupuncture help when you suddenly can't feel your legs?": something happening, to someone
        "patient", "pt", "client", // a nurse or carer asking about one person: "pt c/o urinary retention, is acupuncture appropriate?"
        // A symptom anchored in time is someone's case: "saddle anaesthesia and urinary retention since last night, is acupuncture appropriate?"
        "since", "tonight", "yesterday", "today", "currently",
    ];

    /// <summary>The line prefix of an example sentence.</summary>
    public const string ExamplePrefix = "e.g.";

    /// <summary>The line prefix of phrases that set a rule aside ("unless: years ago").</summary>
    public const string UnlessPrefix = "unless:";

    /// <summary>The header of the block of messages that sound close to a red flag but are not one.</summary>
    public const string OrdinaryHeader = "[ordinary]";

    private readonly List<Rule> _rules;

    // Crisis rules are listed last in the file but matter most when two match, then emergencies: sorted once, here.
    private RedFlagRules(List<Rule> rules, List<string> ordinaryExamples)
    {
        _rules = rules.OrderByDescending(r => r.Category).ToList();
        Examples = _rules.SelectMany(r => r.Examples.Select(e => new RedFlagExample(r.Flag, e))).ToArray();
        OrdinaryExamples = ordinaryExamples;
    }

    public int Count => _rules.Sum(r => r.Patterns.Count);

    /// <summary>Every rule's example sentences, crisis rules first.</summary>
    public IReadOnlyList<RedFlagExample> Examples { get; }

    /// <summary>Messages that are not red flags although they sound close to one.</summary>
    public IReadOnlyList<string> OrdinaryExamples { get; }

    /// <summary>A question about no one in particular ("can acupuncture cause chest pain?"): not a patient's red flag.</summary>
    public static bool IsGeneralQuestion(MessageText message) => message.IsQuestion && !MentionsAPerson(message.Words);

    /// <summary>
    /// For the patterns, a general question must also name the treatment ("is bleeding after needles
    /// normal?"): one that names no treatment is taken as the patient's own ("is it normal to have back pain
    /// with night sweats and fever?"), since a pattern's words are already specific. When in doubt, urgent wins.
    /// </summary>
    private static bool IsGeneralQuestionAboutTheTreatment(MessageText message) => IsGeneralQuestion(message) && NamesTheTreatment(message.Words);

    private static bool NamesTheTreatment(string[] words)
    {
        foreach (var word in words)
            foreach (var treatment in TreatmentWords)
                if (treatment.Matches(word)) return true;
        return false;
    }

    /// <summary>Words for the treatment and its effects, typos included ("accupuncture", "acupunture").</summary>
    private static readonly PhraseWord[] TreatmentWords =
        [.. "acupunct* accupunct* acupunt* acupucnt* acpunct* needle* needling session* treatment* therapy therapist* practitioner* effect*".Split(' ').Select(PhraseWord.Parse)];

    /// <remarks>
    /// Crisis rules read every message, questions and negations included: "what's the point of going on?"
    /// is a question and "I don't see the point in living" holds a "don't", yet both are a crisis, while a
    /// needless crisis reply to "I'm not suicidal" costs little. The other rules skip general questions
    /// and negated symptoms, and a rule's "unless:" phrases ("years ago") set it aside.
    /// </remarks>
    public RedFlagMatch? Match(MessageText message)
    {
        var words = message.Words;
        if (words.Length == 0) return null;
        var general = IsGeneralQuestionAboutTheTreatment(message);

        var initials = FirstLetters.Of(words);
        foreach (var rule in _rules)
        {
            var crisis = rule.Category == RedFlagCategory.Crisis;
            if (general && !crisis) continue;
            foreach (var pattern in rule.Patterns)
                if (pattern.Matches(words, initials, checkNegation: !crisis))
                {
                    // Read only when a pattern matched: most messages match none, and the phrases are many.
                    if (SetAside(rule, words)) break;
                    return rule.Flag;
                }
        }
        return null;
    }

    /// <summary>
    /// Whether the message holds one of the "unless:" phrases of the rule that <paramref name="flag"/> names:
    /// the meaning-based net heeds them too ("my feet went numb from kneeling, back to normal now").
    /// </summary>
    public bool IsSetAside(RedFlagMatch flag, MessageText message)
    {
        foreach (var rule in _rules)
            if (rule.Flag == flag && SetAside(rule, message.Words)) return true;
        return false;
    }

    // A denied phrase sets nothing aside: "I haven't fully recovered" and "it wasn't years ago" keep the rule.
    private static bool SetAside(Rule rule, string[] words)
    {
        foreach (var phrase in rule.Unless)
            if (phrase.FindIn(words, checkNegation: true)) return true;
        return false;
    }

    /// <summary>
    /// Whether the message is about someone: a person named, a time the symptom is anchored in, or a measure
    /// of it ("a fever of 39 and shivering, could acupuncture help?"): a number is a reading, not a general
    /// question's word.
    /// </summary>
    private static bool MentionsAPerson(string[] words)
    {
        foreach (var word in words)
            if (PersonalWords.Contains(word) || char.IsAsciiDigit(word[0])) return true;
        return false;
    }

    /// <summary>Parses the rules file; lines that cannot be understood are returned as problems.</summary>
    public static RedFlagRules Parse(string text, out IReadOnlyList<string> problems)
    {
        var rules = new List<Rule>();
        var ordinary = new List<string>();
        var skipped = new List<string>();
        Rule? current = null;
        var inOrdinary = false;
        var lineNumber = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith(ExamplePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var example = line[ExamplePrefix.Length..].Trim();
                if (example.Length == 0) skipped.Add($"line {lineNumber}: an empty example");
                else if (inOrdinary) ordinary.Add(example);
                else if (current is not null) current.Examples.Add(example);
                else skipped.Add($"line {lineNumber}: an example before any [urgent], [emergency], [crisis] or [ordinary] header");
                continue;
            }
            if (line.StartsWith(UnlessPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (current is null) skipped.Add($"line {lineNumber}: \"{UnlessPrefix}\" before any [urgent] or [emergency] header");
                else if (current.Category == RedFlagCategory.Crisis) skipped.Add($"line {lineNumber}: a [crisis] rule is never set aside, so \"{UnlessPrefix}\" is ignored");
                else current.Unless.AddRange(line[UnlessPrefix.Length..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(Phrase.Parse).Where(p => p.Length > 0));
                continue;
            }
            if (line.Equals(OrdinaryHeader, StringComparison.OrdinalIgnoreCase))
            {
                (current, inOrdinary) = (null, true);
                continue;
            }
            if (line.StartsWith('['))
            {
                inOrdinary = false;
                var close = line.IndexOf(']');
                var category = close > 0 ? line[1..close].Trim() : "";
                if (!Enum.TryParse<RedFlagCategory>(category, ignoreCase: true, out var parsed))
                {
                    skipped.Add($"line {lineNumber}: unknown category '[{category}]' (use [urgent], [emergency], [crisis] or [ordinary])");
                    current = null;
                    continue;
                }
                current = new Rule(parsed, line[(close + 1)..].Trim());
                rules.Add(current);
                continue;
            }
            if (current is null)
            {
                skipped.Add(inOrdinary
                    ? $"line {lineNumber}: the [ordinary] block holds only examples (lines starting with {ExamplePrefix})"
                    : $"line {lineNumber}: a pattern before any [urgent], [emergency] or [crisis] header");
                continue;
            }
            var pattern = Pattern.Parse(line);
            if (pattern is null) skipped.Add($"line {lineNumber}: empty pattern");
            else current.Patterns.Add(pattern);
        }
        problems = skipped;
        return new RedFlagRules(rules, ordinary);
    }

    private sealed record Rule(RedFlagCategory Category, string Description)
    {
        public RedFlagMatch Flag { get; } = new(Category, Description);
        public List<Pattern> Patterns { get; } = [];
        public List<string> Examples { get; } = [];
        public List<Phrase> Unless { get; } = [];
    }

    /// <summary>Groups that must all match; each group is a set of alternative phrases.</summary>
    /// <remarks>Plain loops, no LINQ: every message is checked against every pattern before anything else runs.</remarks>
    private sealed class Pattern(Phrase[][] groups)
    {
        /// <summary>The first letters that can start a match of each group: a group none of whose letters the message has is skipped unread.</summary>
        private readonly ulong[] _groupInitials = groups.Select(g => g.Aggregate(0UL, (all, phrase) => all | phrase.Initial)).ToArray();

        public static Pattern? Parse(string line)
        {
            var groups = line.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(g => g.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(Phrase.Parse).Where(p => p.Length > 0).ToArray())
                .Where(g => g.Length > 0)
                .ToArray();
            return groups.Length == 0 ? null : new Pattern(groups);
        }

        public bool Matches(string[] words, ulong initials, bool checkNegation)
        {
            for (var g = 0; g < groups.Length; g++)
                if ((_groupInitials[g] & initials) == 0 || !AnyFoundIn(groups[g], words, initials, checkNegation)) return false;
            return true;
        }

        private static bool AnyFoundIn(Phrase[] alternatives, string[] words, ulong initials, bool checkNegation)
        {
            foreach (var phrase in alternatives)
                if ((phrase.Initial & initials) != 0 && phrase.FindIn(words, checkNegation)) return true;
            return false;
        }
    }

    private sealed class Phrase(PhraseWord[] words)
    {
        public int Length => words.Length;

        /// <summary>The first letter of the phrase, as a <see cref="FirstLetters"/> bit: every match starts with it.</summary>
        public ulong Initial { get; } = words.Length > 0 ? FirstLetters.Of(words[0].Text) : 0;

        /// <summary>"can't feel*" becomes [cant, feel*] and "self-harm" [self, harm]: written the way <see cref="MessageText"/> writes messages.</summary>
        public static Phrase Parse(string text) => new(text
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(MessageWords)
            .Select(PhraseWord.Parse)
            .ToArray());

        // A star stays on the last word: "self-harm*" is [self, harm*].
        private static string[] MessageWords(string written)
        {
            var words = new MessageText(written.TrimEnd('*')).Words;
            if (words.Length > 0 && written.EndsWith('*')) words[^1] += "*";
            return words;
        }

        /// <summary>
        /// True when the phrase occurs in the words (and, if asked, is not negated just before). Up to
        /// <see cref="MaxIntensifiers"/> words that only stress it may come between its words ("i cant
        /// really feel my legs properly" holds "cant feel my legs").
        /// </summary>
        public bool FindIn(string[] message, bool checkNegation)
        {
            for (int start = 0; start + words.Length <= message.Length; start++)
            {
                int k = 0, at = start, skipped = 0;
                while (k < words.Length && at < message.Length)
                {
                    if (words[k].Matches(message[at])) { k++; at++; }
                    else if (k > 0 && skipped < MaxIntensifiers && Intensifiers.Contains(message[at])) { skipped++; at++; }
                    else break;
                }
                if (k == words.Length && !(checkNegation && NegatedBefore(message, start))) return true;
            }
            return false;
        }

        private const int MaxIntensifiers = 2;

        /// <summary>Words that stress a phrase without changing it: never words that turn it round ("not", "barely").</summary>
        private static readonly HashSet<string> Intensifiers =
            ["really", "properly", "actually", "even", "quite", "fully", "totally", "completely", "literally", "honestly", "just", "basically", "seriously"];

        /// <summary>
        /// Whether one of the three words before <paramref name="start"/> denies what follows. "not so" and
        /// "not as" grade rather than deny: "my leg not so strong, every day more weak" says the leg is weaker.
        /// </summary>
        private static bool NegatedBefore(string[] message, int start)
        {
            for (int i = Math.Max(0, start - 3); i < start; i++)
                if (Negations.Contains(message[i]) && !(i + 1 < message.Length && Grading.Contains(message[i + 1]))) return true;
            return false;
        }

        private static readonly HashSet<string> Grading = ["so", "as", "too", "that", "very"];
    }

    /// <summary>
    /// One word of a phrase: "feel*" matches any word starting with "feel" (or, for a stem of five letters or
    /// more, with that stem misspelt once: "sucidal"); other words match with an s
    /// added (a plural, or a possessive once the apostrophe is gone: "my back's killing me") and allow one
    /// typo, unless the message's word is another English word or a form of one ("cooking" is not "choking",
    /// "booked" not "booted", "knee" not "kneed", "fainter" not "fainted"): only a final e may then differ
    /// ("cant breath").
    /// </summary>
    private sealed class PhraseWord(string text, bool isPrefix)
    {
        public string Text => text;

        public static PhraseWord Parse(string word) => word.EndsWith('*') ? new(word[..^1], isPrefix: true) : new(word, isPrefix: false);

        public bool Matches(string word)
        {
            // Every way of matching keeps the first letter, so most words are turned down on it alone.
            if (word[0] != text[0]) return false;
            if (isPrefix) return word.StartsWith(text, StringComparison.Ordinal) || StartsWithOneTypo(word);
            if (string.Equals(text, word, StringComparison.Ordinal)) return true;
            // Not for the shortest words, which phrases use as glue ("a" is not "as", "i" not "is").
            if (text.Length >= 3 && word.Length == text.Length + 1 && word[^1] == 's' && word.StartsWith(text, StringComparison.Ordinal)) return true;
            // One typo in a longer word, keeping its first letter ("bladder" is not "ladder").
            return text.Length >= 5 && Math.Abs(word.Length - text.Length) <= 1 && EditDistance.Compute(text, word, 1) <= 1
                && (!EnglishWords.IsWordOrForm(word) || DifferByFinalE(text, word));
        }

        // "sucidal" and "suicde" for suicid*: a word that is no English word may begin with the stem misspelt once.
        private bool StartsWithOneTypo(string word)
        {
            if (text.Length < 5 || word.Length < text.Length - 1) return false;
            var longest = Math.Min(word.Length, text.Length + 1);
            for (var length = text.Length - 1; length <= longest; length++)
                if (EditDistance.Compute(text, word.AsSpan(0, length), 1) <= 1) return !EnglishWords.IsWordOrForm(word);
            return false;
        }

        // "breath" for "breathe": the same word, another form. Not a final s: "chill" is not "chills".
        private static bool DifferByFinalE(string a, string b) => a.Length > b.Length
            ? a.Length == b.Length + 1 && a[^1] == 'e' && a.StartsWith(b, StringComparison.Ordinal)
            : b.Length == a.Length + 1 && b[^1] == 'e' && b.StartsWith(a, StringComparison.Ordinal);
    }

    /// <summary>
    /// A set of first letters as 64 bits (letters that share a bit only make the check looser, never wrong):
    /// every way a phrase word matches keeps the first letter, so a phrase can only match where its letter is.
    /// </summary>
    private static class FirstLetters
    {
        public static ulong Of(string word) => 1UL << (word[0] & 63);

        public static ulong Of(string[] words)
        {
            ulong set = 0;
            foreach (var word in words) set |= Of(word);
            return set;
        }
    }
}
