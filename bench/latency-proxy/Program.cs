// A TCP relay on 127.0.0.1 that adds one-way latency, for bench/wan.sh (these machines have no netem).
//
//   latency-proxy LISTEN_PORT TARGET_PORT DELAY_MS [RATE_MBIT [PARENT_PID]]
//
// Every accepted connection gets its own connection to 127.0.0.1:TARGET_PORT and two independent pumps, one per
// direction. A pump keeps reading while earlier chunks wait: each chunk is stamped when read and written out at
// stamp + DELAY_MS, in order. So the proxy adds latency (RTT = 2 × DELAY_MS) without capping throughput itself:
// what limits a transfer is what limits it on a real WAN, the windows of ssh and its peers (data in flight per
// round trip). RATE_MBIT > 0 paces each direction to that many Mbit/s as one shared link: all connections
// queue on it in read order, as on a site's uplink (0 = unlimited). With PARENT_PID the proxy exits when that
// process is gone, so a bench killed without running its trap does not leave it behind.
// Prints "listening PORT" on stdout once it accepts; on stderr a line when a connection opens and one when it closes.
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

internal static class LatencyProxy
{
    private const int ChunkBytes = 64 << 10;
    // Back-pressure only against a runaway sender: ssh's channel windows keep far less than this in flight.
    private const int QueuedChunks = 1024;

    private static int Main(string[] args)
    {
        if (args.Length is < 3 or > 5
            || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var listenPort)
            || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var targetPort)
            || !double.TryParse(args[2], CultureInfo.InvariantCulture, out var delayMs) || delayMs < 0)
        {
            Console.Error.WriteLine("usage: latency-proxy LISTEN_PORT TARGET_PORT DELAY_MS [RATE_MBIT [PARENT_PID]]");
            return 2;
        }
        var rateMbit = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        if (args.Length > 4) WatchParent(int.Parse(args[4], CultureInfo.InvariantCulture));

        var delay = (long)(delayMs * Stopwatch.Frequency / 1000);
        var up = new Link(rateMbit);
        var down = new Link(rateMbit);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, listenPort));
        listener.Listen(512);
        Console.Out.WriteLine("listening " + ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        var target = new IPEndPoint(IPAddress.Loopback, targetPort);
        var id = 0;
        while (true)
        {
            var client = listener.Accept();
            var n = ++id;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"connection {n} open"));
            new Thread(() => Relay(n, client, target, delay, up, down)) { IsBackground = true }.Start();
        }
    }

    private static void WatchParent(int pid) =>
        new Thread(() =>
        {
            while (Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture))) Thread.Sleep(1000);
            Environment.Exit(0);
        }) { IsBackground = true }.Start();

    // Two threads per direction (one reads, one writes at the due times): Thread.Sleep lands within a fraction of a
    // millisecond, where the timer behind Task.Delay fired 0.5–3 ms late on a busy machine.
    private static void Relay(int id, Socket client, IPEndPoint target, long delay, Link up, Link down)
    {
        var started = Stopwatch.GetTimestamp();
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var outcome = "closed";
        long sentUp = 0, sentDown = 0;
        try
        {
            client.NoDelay = true;
            server.NoDelay = true;
            server.Connect(target);
            var pumps = new[]
            {
                new Pump(client, server, delay, up), new Pump(server, client, delay, down),
            };
            foreach (var p in pumps) p.Start();
            foreach (var p in pumps) p.Join();
            sentUp = pumps[0].Sent;
            sentDown = pumps[1].Sent;
            if (pumps.Any(p => p.Failure is not null)) outcome = "aborted (" + pumps.First(p => p.Failure is not null).Failure!.GetType().Name + ")";
        }
        catch (SocketException e)
        {
            outcome = "failed (" + e.SocketErrorCode + ")";
        }
        finally
        {
            client.Dispose();
            server.Dispose();
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"connection {id} {outcome} after {seconds:F2} s: {sentUp} B up, {sentDown} B down"));
    }

    private readonly record struct Chunk(byte[]? Buffer, int Length, long Due);

    /// <summary>One direction of one connection. A failure on either side closes both sockets, which ends the
    /// other direction too.</summary>
    private sealed class Pump(Socket from, Socket to, long delay, Link link)
    {
        private readonly BlockingCollection<Chunk> _queue = new(QueuedChunks);
        private Thread? _readThread;
        private Thread? _writeThread;

        public long Sent { get; private set; }
        public Exception? Failure { get; private set; }

        public void Start()
        {
            _readThread = new Thread(Read) { IsBackground = true };
            _writeThread = new Thread(Write) { IsBackground = true };
            _readThread.Start();
            _writeThread.Start();
        }

        public void Join()
        {
            _readThread!.Join();
            _writeThread!.Join();
        }

        private void Read()
        {
            try
            {
                while (true)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                    var n = from.Receive(buffer, 0, ChunkBytes, SocketFlags.None);
                    var due = link.Departure(Stopwatch.GetTimestamp(), n) + delay;
                    if (n == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        _queue.Add(new Chunk(null, 0, due));
                        break;
                    }
                    _queue.Add(new Chunk(buffer, n, due));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                Fail(e);
            }
            _queue.CompleteAdding();
        }

        private void Write()
        {
            try
            {
                foreach (var chunk in _queue.GetConsumingEnumerable())
                {
                    var wait = (chunk.Due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                    if (wait >= 0.5) Thread.Sleep(TimeSpan.FromMilliseconds(Math.Round(wait)));
                    if (chunk.Buffer is null)
                    {
                        to.Shutdown(SocketShutdown.Send);
                        return;
                    }
                    var sent = 0;
                    while (sent < chunk.Length) sent += to.Send(chunk.Buffer, sent, chunk.Length - sent, SocketFlags.None);
                    Sent += chunk.Length;
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Fail(e);
                _queue.CompleteAdding(); // a reader waiting for room in a full queue stops too
            }
        }

        private void Fail(Exception e)
        {
            Failure ??= e;
            // Unblocks the threads of both directions; the peers see the connection reset, as after a real failure.
            from.Close(0);
            to.Close(0);
        }
    }

    /// <summary>One direction of the simulated link: with a rate, chunks leave one after another, each taking its
    /// serialisation time; without one, a chunk leaves the moment it was read.</summary>
    private sealed class Link(double rateMbit)
    {
        private readonly double _ticksPerByte = rateMbit > 0 ? 8.0 * Stopwatch.Frequency / (rateMbit * 1e6) : 0;
        private readonly Lock _lock = new();
        private long _free;

        public long Departure(long readAt, int bytes)
        {
            if (_ticksPerByte == 0) return readAt;
            lock (_lock)
            {
                _free = Math.Max(_free, readAt) + (long)(bytes * _ticksPerByte);
                return _free;
            }
        }
    }
}
