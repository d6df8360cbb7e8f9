using System.Net.NetworkInformation;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// The host's primary IPv4 address — that of the interface holding the default route (as upstream's
/// kubelet chooses its node IP) — or, without one, of the first non-loopback interface that is up.
/// </summary>
internal static class HostAddress
{
    public static string Primary()
    {
        var defaultInterface = DefaultRouteInterface();
        var interfaces = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus != OperationalStatus.Down && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(n => n.Name == defaultInterface ? 0 : 1);
        var address = interfaces
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return (address ?? IPAddress.Loopback).ToString();
    }

    /// <summary>/proc/net/route: the interface of the row whose destination is 00000000.</summary>
    private static string? DefaultRouteInterface()
    {
        const string routes = "/proc/net/route";
        if (!File.Exists(routes))
        {
            return null;
        }

        return File.ReadLines(routes)
            .Skip(1)
            .Select(line => line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .FirstOrDefault(fields => fields.Length > 1 && fields[1] == "00000000")?[0];
    }
}
