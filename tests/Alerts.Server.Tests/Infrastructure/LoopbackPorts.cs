using System.Net;
using System.Net.Sockets;

namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// Ports for the servers the tests start on loopback. A port the kernel picks (bind to 0, then close) lies in its
/// ephemeral range (32768–60999), where any outgoing connection of the busy test process may take it before the
/// server binds it: "address already in use". These come from below that range, which the kernel never hands to
/// outgoing connections; each is handed out once per process and checked free when it is.
/// </summary>
internal static class LoopbackPorts
{
    private const int First = 20000;
    private const int Last = 32767;

    // A random start keeps two test processes on one machine (a developer's runs side by side) apart.
    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (var tried = 0; tried <= Last - First; tried++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First + 1));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken by something else on the machine: the next one.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }
}
