using System.Text;

namespace AcuBot.Benchmarks;

/// <summary>
/// Writes a large knowledge folder from a fixed seed: the clinic's own files (so the same questions still
/// find their answers, with the same synonyms and red flags) plus generated Markdown and plain-text
/// articles of exactly <c>passages</c> more passages. Articles have sections (a heading and 2-9 blocks);
/// blocks are paragraphs of 1-5 sentences, or a lead-in ending in ':' followed by 3-6 list items. Words
/// are drawn from a Zipf-Mandelbrot distribution over ~33,000 words: clinic and health words (and the seed
/// article's own) at the frequent ranks, made-up words in the long tail. So common words such as "pain",
/// "needles" or "session" have long posting lists, as in a real clinic library, and the spelling
/// corrector sees a vocabulary of realistic size. The same seed always writes the same bytes.
/// </summary>
public static class KnowledgeGenerator
{
    /// <summary>Bumped when the output changes, so cached folders are rewritten.</summary>
    private const int FormatVersion = 2;
    public const int DefaultSeed = 20261124;
    private const int PassagesPerFile = 100;

    /// <summary>The folder for <paramref name="passages"/> generated passages, written on first use and reused after.</summary>
    public static string EnsureFolder(int passages, int seed = DefaultSeed)
    {
        var root = Environment.GetEnvironmentVariable("ACUBOT_BENCH_TMP") is { Length: > 0 } tmp ? tmp : Path.Combine(Path.GetTempPath(), "acubot-bench");
        var folder = Path.Combine(root, $"kb-{passages}-s{seed}-v{FormatVersion}");
        var marker = Path.Combine(folder, ".complete");
        if (File.Exists(marker)) return folder;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Write(folder, passages, seed);
        File.WriteAllText(marker, $"{passages} passages, seed {seed}, format {FormatVersion}\n");
        return folder;
    }

    public static void Write(string folder, int passages, int seed)
    {
        Directory.CreateDirectory(folder);
        var seedFolder = RepoPaths.SeedKnowledge;
        foreach (var file in Directory.GetFiles(seedFolder))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);

        var random = new Random(seed);
        var words = new ZipfWords(BuildVocabulary(random, File.ReadAllText(Path.Combine(seedFolder, "acupuncture-back-pain.txt"))), random);
        var articles = Path.Combine(folder, "library");
        Directory.CreateDirectory(articles);

        int written = 0, fileNumber = 0;
        while (written < passages)
        {
            var count = Math.Min(PassagesPerFile, passages - written);
            var markdown = fileNumber % 4 != 3; // three in four are Markdown, the rest plain text
            var text = Article(random, words, count, markdown);
            var name = $"{fileNumber:D5}-{Slug(words.Heading(3))}{(markdown ? ".md" : ".txt")}";
            File.WriteAllText(Path.Combine(articles, name), text, new UTF8Encoding(false));
            written += count;
            fileNumber++;
        }
    }

    /// <summary>One article of exactly <paramref name="passages"/> passages (paragraphs and list items).</summary>
    private static string Article(Random random, ZipfWords words, int passages, bool markdown)
    {
        var text = new StringBuilder();
        if (markdown) text.Append("# ").Append(words.Heading(random.Next(4, 9))).Append("\n\n");
        var left = passages;
        while (left > 0)
        {
            var heading = words.Heading(random.Next(2, 8));
            text.Append(markdown ? "## " : "").Append(heading).Append(markdown ? "\n\n" : "\n");
            var inSection = Math.Min(left, random.Next(2, 10));
            left -= inSection;
            while (inSection > 0)
            {
                if (inSection >= 4 && random.NextDouble() < 0.3)
                {
                    var items = Math.Min(inSection - 1, random.Next(3, 7));
                    text.Append(words.Sentence(random.Next(6, 16), end: ':')).Append('\n');
                    if (markdown) text.Append('\n');
                    for (var i = 0; i < items; i++)
                        text.Append("- ").Append(ListItem(random, words)).Append('\n');
                    text.Append('\n');
                    inSection -= items + 1;
                }
                else
                {
                    var sentences = random.Next(1, 6);
                    for (var i = 0; i < sentences; i++)
                    {
                        if (i > 0) text.Append(' ');
                        // Only a sentence inside a paragraph asks a question: a short line ending in '?' would be a plain-text heading.
                        text.Append(words.Sentence(random.Next(6, 22), end: i < sentences - 1 && random.NextDouble() < 0.08 ? '?' : '.'));
                    }
                    text.Append("\n\n");
                    inSection--;
                }
            }
        }
        return text.ToString();
    }

    private static string ListItem(Random random, ZipfWords words) => random.NextDouble() < 0.4
        ? $"{words.Heading(random.Next(1, 4))}: {words.Sentence(random.Next(5, 14), end: '.')}"
        : words.Fragment(random.Next(3, 10));

    private static string Slug(string heading) =>
        string.Join('-', heading.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));

    /// <summary>Content words in rank order: clinic words and the seed article's words first (shuffled), then made-up words.</summary>
    private static string[] BuildVocabulary(Random random, string seedArticle)
    {
        var real = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void AddWord(string w)
        {
            w = w.ToLowerInvariant();
            if (w.Length >= 3 && !FunctionWords.Contains(w) && seen.Add(w)) real.Add(w);
        }
        foreach (var w in ClinicWords.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) AddWord(w);
        foreach (var w in seedArticle.Split(NonLetters(seedArticle), StringSplitOptions.RemoveEmptyEntries)) AddWord(w);
        Shuffle(random, real);

        var made = new List<string>();
        while (made.Count < 32_000)
        {
            var syllables = random.Next(2, 5);
            var word = new StringBuilder();
            for (var i = 0; i < syllables; i++)
            {
                word.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
                if (random.NextDouble() < 0.35) word.Append(Codas[random.Next(Codas.Length)]);
            }
            var w = word.ToString();
            if (w.Length >= 4 && seen.Add(w)) made.Add(w);
        }
        // The real words hold the frequent ranks, with a few made-up words among them (names of herbs,
        // techniques and places a clinic writes about); the rest of the made-up words form the tail.
        var ranked = new List<string>(real.Count + made.Count);
        int m = 0;
        for (var i = 0; i < real.Count; i++)
        {
            ranked.Add(real[i]);
            if (i % 5 == 4) ranked.Add(made[m++]);
        }
        ranked.AddRange(made.Skip(m));
        return [.. ranked];
    }

    private static char[] NonLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static void Shuffle<T>(Random random, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private sealed class ZipfWords(string[] words, Random random)
    {
        /// <summary>Zipf-Mandelbrot: p(rank) ~ 1 / (rank + 8)^1.15, so the most frequent content word is ~2% of the words, as in prose after stop words.</summary>
        private const double Exponent = 1.15, Offset = 8;

        private readonly double[] _cumulative = Cumulative(words.Length);

        private static double[] Cumulative(int n)
        {
            var c = new double[n];
            double sum = 0;
            for (var i = 0; i < n; i++) c[i] = sum += Math.Pow(i + 1 + Offset, -Exponent);
            for (var i = 0; i < n; i++) c[i] /= sum;
            return c;
        }

        public string Next()
        {
            var i = Array.BinarySearch(_cumulative, random.NextDouble());
            return words[Math.Min(i < 0 ? ~i : i, words.Length - 1)];
        }

        /// <summary>Content words with function words between them, capitalised, ending with <paramref name="end"/>.</summary>
        public string Sentence(int contentWords, char end)
        {
            var text = new StringBuilder();
            for (var i = 0; i < contentWords; i++)
            {
                if (i > 0)
                {
                    text.Append(' ');
                    if (random.NextDouble() < 0.45) text.Append(Glue[random.Next(Glue.Length)]).Append(' ');
                    else if (random.NextDouble() < 0.06) { text.Length--; text.Append(", "); }
                }
                text.Append(Next());
            }
            text[0] = char.ToUpperInvariant(text[0]);
            return text.Append(end).ToString();
        }

        /// <summary>A short list item without a full stop.</summary>
        public string Fragment(int contentWords)
        {
            var s = Sentence(contentWords, end: '.');
            return s[..^1];
        }

        /// <summary>Title Case, no final punctuation: a heading for Markdown and plain text alike.</summary>
        public string Heading(int contentWords)
        {
            var parts = new List<string>();
            for (var i = 0; i < contentWords; i++)
            {
                if (i > 0 && random.NextDouble() < 0.3) parts.Add(HeadingGlue[random.Next(HeadingGlue.Length)]);
                var w = Next();
                parts.Add(char.ToUpperInvariant(w[0]) + w[1..]);
            }
            return string.Join(' ', parts);
        }
    }

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "are", "can", "may", "your", "you", "its", "from", "into",
        "also", "such", "these", "those", "while", "which", "who", "what", "how", "when", "during", "about",
        "has", "have", "had", "was", "were", "been", "being", "not", "but", "any", "all", "some", "our", "their",
        "they", "them", "there", "then", "than", "will", "would", "should", "could", "it's", "you're",
    };

    private static readonly string[] Glue =
        ["the", "a", "of", "and", "to", "in", "for", "with", "is", "may", "can", "your", "or", "on", "as", "by", "that", "are", "it", "from"];

    private static readonly string[] HeadingGlue = ["and", "of", "for", "with", "in", "the", "to"];

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr", ""];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"];
    private static readonly string[] Codas = ["n", "r", "s", "l", "m", "t", "x", "nd", "st", "ng"];

    /// <summary>Words a clinic's articles use: anatomy, conditions, treatments, visits, billing, lifestyle.</summary>
    private const string ClinicWords = """
        acupuncture acupuncturist needle needles needling session sessions treatment treatments therapy therapies
        pain painful ache aching sore soreness stiffness tension spasm spasms back lower upper spine spinal neck
        shoulder shoulders hip hips knee knees leg legs arm arms hand hands foot feet head headache headaches
        migraine migraines muscle muscles joint joints nerve nerves sciatica disc discs vertebra posture
        inflammation swelling bruising bleeding dizziness fatigue sleep insomnia stress anxiety depression mood
        energy qi meridian meridians point points insertion inserted sterile disposable single-use thin fine
        practitioner practitioners clinic clinics appointment appointments booking visit visits first follow-up
        consultation assessment history examination diagnosis plan plans course weekly monthly minutes hour hours
        cost costs price prices fee fees insurance cover covered claim receipt payment card cash refund cancel
        cancellation policy notice reschedule parking wheelchair access reception waiting room staff team
        pregnancy pregnant fertility menstrual menopause children child elderly adults athletes runners
        injury injuries recovery rehabilitation physiotherapy massage cupping moxibustion herbs herbal heat
        electro-acupuncture electroacupuncture laser tens stretching exercise exercises yoga pilates walking
        swimming diet nutrition hydration water alcohol caffeine smoking weight lifting sitting standing desk
        chair mattress pillow ergonomic workplace driving chronic acute persistent recurring mild moderate severe
        relief relieve improvement improve benefit benefits risk risks side effects safe safety evidence research
        study studies trial trials guideline guidelines doctor doctors physician gp referral medication medicines
        painkillers ibuprofen paracetamol opioids surgery scan mri x-ray blood pressure diabetes heart condition
        conditions allergy allergies infection skin bruise tender relax relaxation calm breathing warm cold ice
        gentle deep shallow depth angle retention response sensation tingling heaviness dull pinch sharp
        numbness weakness balance mobility flexibility strength range movement function daily activities work
        family sport sports training season morning evening night week weeks month months year years age
        clothing wear loose comfortable towel gown privacy consent questions answers information advice
        professional licensed registered qualified trained experienced certified association standards hygiene
        clean hands gloves alcohol-swab disposal sharps container emergency urgent symptoms warning signs fever
        numb bladder bowel control chest breath breathing shortness trauma fall accident cancer weight-loss
        """;
}
