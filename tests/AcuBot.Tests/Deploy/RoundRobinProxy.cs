using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AcuBot.Tests.Deploy;

/// <summary>
/// A load balancer for the tests, on a free loopback port: each new TCP connection goes to the next backend
/// in turn (round robin, no sticky sessions), and its bytes are copied both ways untouched, so HTTP keep-alive
/// and WebSocket upgrades pass as through any TCP-level balancer. A backend that refuses the connection (its
/// process is down) is skipped for the next one, as nginx does; when every backend refuses, the client's
/// connection is closed. It notes the first request line of each connection and where it went.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int[] _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Routed> _routed = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _accepting;
    private int _next = -1;

    /// <summary>One connection: the backend port it was handed to, and the first line the client sent.</summary>
    public sealed record Routed(int Backend, string FirstLine);

    private RoundRobinProxy(int[] backends)
    {
        _backends = backends;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public static RoundRobinProxy Start(params int[] backendPorts) => new(backendPorts);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every connection handed to a backend so far, in order.</summary>
    public IReadOnlyList<Routed> Connections => _routed.ToArray();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var handling = HandleAsync(client);
            _connections[handling] = true;
            _ = handling.ContinueWith(done => _connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var fromClient = client.GetStream();
        var buffer = new byte[16 * 1024];
        int first;
        try
        {
            // The request line is read before a backend is chosen: an idle connection takes no turn.
            first = await fromClient.ReadAsync(buffer, _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        if (first == 0) return;
        var turn = Interlocked.Increment(ref _next);
        for (var i = 0; i < _backends.Length; i++)
        {
            var port = _backends[(turn + i) % _backends.Length];
            using var backend = new TcpClient { NoDelay = true };
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
            }
            catch (SocketException)
            {
                continue; // down: the next one
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _routed.Enqueue(new Routed(port, FirstLine(buffer, first)));
            var toBackend = backend.GetStream();
            try
            {
                await toBackend.WriteAsync(buffer.AsMemory(0, first), _stop.Token);
                // Either side ending ends both, as a crashed backend's connections end at a real balancer.
                await Task.WhenAny(CopyAsync(fromClient, toBackend), CopyAsync(toBackend, fromClient));
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
            return;
        }
        // Every backend refused: the client sees its connection closed.
    }

    private async Task CopyAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private static string FirstLine(byte[] buffer, int count)
    {
        var text = Encoding.ASCII.GetString(buffer, 0, Math.Min(count, 512));
        var end = text.IndexOf('\r');
        return end >= 0 ? text[..end] : text;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_connections.Keys);
        _stop.Dispose();
    }
}
