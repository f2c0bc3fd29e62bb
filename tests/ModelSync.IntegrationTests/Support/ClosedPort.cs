using System.Net;
using System.Net.Sockets;

namespace ModelSync.IntegrationTests.Support;

/// <summary>A 127.0.0.1 port nothing listens on: one the kernel just handed out and that was released again.</summary>
public static class ClosedPort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
