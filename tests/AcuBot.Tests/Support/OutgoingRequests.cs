using System.Collections.Concurrent;

namespace AcuBot.Tests.Support;

/// <summary>
/// Every HTTP request the bot's own HttpClients send, wherever they go: lets a test prove that nothing
/// was sent anywhere (not only that the fake connector got nothing).
/// </summary>
public sealed class OutgoingRequests
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri? Uri)> _sent = new();

    public IReadOnlyList<(HttpMethod Method, Uri? Uri)> Sent => _sent.ToArray();

    public DelegatingHandler CreateHandler() => new RecordingHandler(this);

    private sealed class RecordingHandler(OutgoingRequests owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner._sent.Enqueue((request.Method, request.RequestUri));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
