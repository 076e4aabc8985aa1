using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ApifyPS.Tests.Support;

/// <summary>
/// A webhook receiver on loopback for tests: accepts HTTP/1.1 requests on a random port, records each (method, path,
/// headers, body) and answers <see cref="Status"/> with a short body. Stopped (and its port closed) when disposed.
/// </summary>
public sealed class HookReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public HookReceiver(int status = 200)
    {
        Status = status;
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The status every request is answered with.</summary>
    public int Status { get; set; }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

    public IReadOnlyList<Received> Requests => _received.ToArray();

    /// <summary>Waits (up to <paramref name="timeout"/>) until at least <paramref name="count"/> requests came.</summary>
    public bool WaitFor(int count, TimeSpan timeout) => EmulatorProcess.WaitUntil(() => _received.Count >= count, timeout);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new List<byte>();
                var chunk = new byte[8192];
                int headerEnd;
                while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
                {
                    var n = await stream.ReadAsync(chunk, _stop.Token);
                    if (n == 0) return;
                    buffer.AddRange(chunk.AsSpan(0, n).ToArray());
                }
                var head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
                var requestLine = head[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in head.Skip(1))
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l) : 0;
                var body = buffer.Skip(headerEnd + 4).ToList();
                while (body.Count < length)
                {
                    var n = await stream.ReadAsync(chunk, _stop.Token);
                    if (n == 0) break;
                    body.AddRange(chunk.AsSpan(0, n).ToArray());
                }
                _received.Enqueue(new Received(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "", headers, Encoding.UTF8.GetString(body.ToArray())));
                var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {Status} X\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                await stream.WriteAsync(answer, _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
