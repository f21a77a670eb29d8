using System.Net.Sockets;
using System.Text;

namespace AcuBot.Tests.Deploy;

/// <summary>A response read off the wire: its status, headers (the last value of each) and body.</summary>
internal sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The server said it closes the connection after this response.</summary>
    public bool ClosesConnection => Headers.TryGetValue("Connection", out var value) && value.Contains("close", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One HTTP/1.1 connection kept alive across requests, as a client's connection pool keeps it, with every byte
/// in view: HttpClient would open a new connection on its own when one closes, and hide the very thing the
/// drain tests look at (was a request on a kept-alive connection answered, and did the server then close it).
/// A connection that closes before a complete response throws <see cref="IOException"/>.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    // Bounds so that a hung server fails the test instead of the run; not timing assertions.
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(30);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly string _host;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttpConnection(TcpClient tcp, string host)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _host = host;
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri baseAddress)
    {
        var tcp = new TcpClient { NoDelay = true };
        using var bound = new CancellationTokenSource(ReadBound);
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, bound.Token);
        return new RawHttpConnection(tcp, baseAddress.Authority);
    }

    public async Task<RawHttpResponse> SendAsync(string method, string path, string? bearer = null, string? json = null)
    {
        var request = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(_host).Append("\r\n");
        if (bearer is not null) request.Append("Authorization: Bearer ").Append(bearer).Append("\r\n");
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        if (json is not null) request.Append("Content-Type: application/json\r\n");
        if (method is "POST" or "PUT") request.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        request.Append("\r\n");
        using var bound = new CancellationTokenSource(ReadBound);
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), bound.Token);
        if (body.Length > 0) await _stream.WriteAsync(body, bound.Token);

        var statusLine = await ReadLineAsync(bound.Token) ?? throw new IOException($"{method} {path}: the connection closed with no answer.");
        var status = int.Parse(statusLine.Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync(bound.Token) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        byte[] content;
        if (headers.TryGetValue("Content-Length", out var length)) content = await ReadExactlyAsync(int.Parse(length), bound.Token);
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var chunks = new MemoryStream();
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync(bound.Token) ?? throw Cut(method, path)).Split(';')[0], 16);
                if (size == 0)
                {
                    while (await ReadLineAsync(bound.Token) is { Length: > 0 }) { } // trailers
                    break;
                }
                chunks.Write(await ReadExactlyAsync(size, bound.Token));
                await ReadLineAsync(bound.Token);
            }
            content = chunks.ToArray();
        }
        else content = [];
        return new RawHttpResponse(status, headers, Encoding.UTF8.GetString(content));
    }

    /// <summary>True when the server has closed the connection (a read finds its end), false when it is still open.</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        if (_end > _start) return false; // bytes the server sent beyond the last response
        using var bound = new CancellationTokenSource(ReadBound);
        try
        {
            return await _stream.ReadAsync(_buffer, bound.Token) == 0;
        }
        catch (IOException)
        {
            return true; // reset rather than closed: closed all the same
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static IOException Cut(string method, string path) => new($"{method} {path}: the connection closed in the middle of the answer.");

    private async Task<bool> FillAsync(CancellationToken cancellation)
    {
        if (_start > 0 && _start == _end) (_start, _end) = (0, 0);
        if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_start, _end) = (0, _end - _start);
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellation);
        _end += read;
        return read > 0;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            if (!await FillAsync(cancellation)) return null;
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellation)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_end == _start && !await FillAsync(cancellation)) throw new IOException($"The connection closed {count - copied} bytes short of the answer's end.");
            var take = Math.Min(count - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, copied, take);
            (_start, copied) = (_start + take, copied + take);
        }
        return result;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}
