namespace AcuBot.Unanswered;

/// <summary>
/// What an unanswered-question store keeps of a patient's message, the same for every store: nothing when
/// it is not a question in words (gibberish, markup), otherwise the message redacted and cut to
/// <c>maxLength</c>. It is cut before redacting too (a 256 KB body costs no regex time), and again after,
/// since a placeholder may be longer than what it replaced.
/// </summary>
internal static class StoredQuestion
{
    public static string? Of(string question, int maxLength)
    {
        var head = Cut(question, maxLength * 2);
        if (!WorthRecording.IsQuestionInWords(head)) return null;
        return Cut(PrintableText.Of(PersonalDetails.Redact(head)), maxLength);
    }

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
