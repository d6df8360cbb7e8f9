using System.Net.NetworkInformation;

namespace Orchestrator.ApiServer.ControlPlane;

/// <summary>Which address the API server tells clients in the cluster to reach it at (upstream's ResolveBindAddress).</summary>
internal static class AdvertiseAddress
{
    /// <summary>
    /// The configured address; else the bind address when it names one specific non-loopback address;
    /// else the host's default-route IPv4 address; else 127.0.0.1.
    /// </summary>
    public static IPAddress Choose(IPAddress? configured, IPAddress bindAddress, Func<IPAddress?> defaultRouteAddress)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        ArgumentNullException.ThrowIfNull(defaultRouteAddress);
        if (configured is not null)
        {
            return configured;
        }

        if (!IPAddress.IsLoopback(bindAddress) && !bindAddress.Equals(IPAddress.Any) && !bindAddress.Equals(IPAddress.IPv6Any))
        {
            return bindAddress;
        }

        return defaultRouteAddress() ?? IPAddress.Loopback;
    }

    /// <summary>The first IPv4 address of an up interface that has an IPv4 default gateway; null when there is none.</summary>
    public static IPAddress? DefaultRouteAddress()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            var properties = nic.GetIPProperties();
            var hasGateway = properties.GatewayAddresses.Any(g => g.Address.AddressFamily == AddressFamily.InterNetwork && !g.Address.Equals(IPAddress.Any));
            var address = properties.UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork)?.Address;
            if (hasGateway && address is not null)
            {
                return address;
            }
        }

        return null;
    }
}
