using System.Net;
using System.Net.Sockets;

namespace GesprekTool.Tests.TestInfrastructure;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of the app, for one participant's HTTP and hub traffic.
/// <see cref="Cut"/> drops every open connection and refuses new ones, like a phone losing its data
/// connection to our server, while media between the browsers (not through here) goes on.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _cut;

    public CuttableProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                if (client.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0); // reset, not a polite close
                }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            if (_cut)
            {
                incoming.Client.LingerState = new LingerOption(true, 0);
                incoming.Dispose();
                continue;
            }
            _ = ForwardAsync(incoming);
        }
    }

    private async Task ForwardAsync(TcpClient incoming)
    {
        var outgoing = new TcpClient();
        try
        {
            await outgoing.ConnectAsync(IPAddress.Loopback, _targetPort);
            lock (_open)
            {
                _open.Add(incoming);
                _open.Add(outgoing);
            }
            await Task.WhenAny(
                incoming.GetStream().CopyToAsync(outgoing.GetStream(), _stop.Token),
                outgoing.GetStream().CopyToAsync(incoming.GetStream(), _stop.Token));
        }
        catch (Exception)
        {
            // A cut or a closed side: either way this pair is done.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(incoming);
                _open.Remove(outgoing);
            }
            incoming.Dispose();
            outgoing.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        return ValueTask.CompletedTask;
    }
}
