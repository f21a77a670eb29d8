using AcuBot.Unanswered;

namespace AcuBot.Tests.Safety;

/// <summary>
/// What the unanswered log keeps of a patient's question, on its own (UnansweredPrivacyTests has it end
/// to end): no e-mail address, phone number, date or self-given name; no control or reordering
/// characters; a database file only its owner can read.
/// </summary>
public sealed class StoredQuestionPrivacyTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("acubot-privacy-");

    [Theory]
    [InlineData("write to jane.doe+bot@mail.example.com please", "write to [email] please")]
    [InlineData("jane5551234567@example.org", "[email]")]
    [InlineData("born 1980-02-03, is that ok?", "born [date], is that ok?")]
    [InlineData("seen on 3/2/80", "seen on [date]")]
    [InlineData("call 555-123-4567 or (555) 123 4567", "call [phone] or [phone]")]
    [InlineData("+44 20 7946 0958", "[phone]")]
    [InlineData("ring 123 4567", "ring [phone]")]       // seven digits: a phone number
    [InlineData("I take 123 456 units", "I take 123 456 units")] // six: a dose, an age, a count
    [InlineData("I am 45 and 12345 steps", "I am 45 and 12345 steps")]
    [InlineData("My name is Jane Doe and my back hurts", "My name is [name] and my back hurts")]
    [InlineData("call me jane", "call me [name]")]
    [InlineData("I'm Jane Doe, 555 123 4567", "I'm [name], [phone]")]
    [InlineData("this is Jane", "this is [name]")]
    [InlineData("I'm worried about needles", "I'm worried about needles")]
    public void Personal_details_are_replaced_and_the_question_kept(string question, string stored)
    {
        Assert.Equal(stored, PersonalDetails.Redact(question));
    }

    [Theory]
    [InlineData("line\none\rtwo\tthree", "line one two three")]
    [InlineData("\u001b[2Jcleared\u0007", "[2Jcleared")]
    [InlineData("a\u007fb\u0085c", "abc")]
    [InlineData("\u202Aa\u202Eb\u2066c\u2069d", "abcd")]
    [InlineData("\u2029\u202F\u2065\u206A", "\u2029\u202F\u2065\u206A")] // beside the overrides, but not one
    public void Control_and_reordering_characters_are_not_kept(string question, string stored)
    {
        Assert.Equal(stored, PrintableText.Of(question));
    }

    [Fact]
    public void Printable_text_is_kept_as_it_is()
    {
        var text = "Does acupuncture hurt? ¿Duele? 痛いですか";

        Assert.Same(text, PrintableText.Of(text));
    }

    [Fact]
    public void A_new_database_and_its_folder_are_for_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_scratch.FullName, "data", "unanswered.db");

        OwnerOnlyFile.Prepare(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void An_existing_database_and_its_companion_files_are_brought_down_to_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_scratch.FullName, "unanswered.db");
        var files = new[] { path, path + "-wal", path + "-shm", path + "-journal" };
        foreach (var file in files)
        {
            File.WriteAllText(file, "kept");
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100); // 0644
        }

        OwnerOnlyFile.Prepare(path);

        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal("kept", File.ReadAllText(file));
        }
    }

    public void Dispose() => _scratch.Delete(recursive: true);
}
