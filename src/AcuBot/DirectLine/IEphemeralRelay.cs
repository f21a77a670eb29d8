namespace AcuBot.DirectLine;

/// <summary>
/// Carries what goes on the streams only (typing indicators) between bot instances, so that a stream held by
/// one instance shows the indicator of a turn another runs. Best effort: nothing is stored or retried.
/// </summary>
public interface IEphemeralRelay
{
    /// <summary>Sends <paramref name="activity"/> to the other instances' streams of the conversation (never back to this one).</summary>
    void Publish(string conversationId, EphemeralActivity activity);

    /// <summary>Where what the other instances publish goes; called once, by <see cref="DirectLineStreams"/>.</summary>
    void OnReceived(Action<string, EphemeralActivity> deliver);

    /// <summary>A stream opened: make sure the other instances' messages are being received.</summary>
    void Listen();
}
