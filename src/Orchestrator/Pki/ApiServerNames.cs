using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Orchestrator.Host.Pki;

/// <summary>The names the API server's serving certificate carries, as kubeadm's apiserver.crt does.</summary>
internal static class ApiServerNames
{
    /// <summary>The first address of the default service CIDR (10.96.0.0/12): the kubernetes Service's cluster IP.</summary>
    public static readonly IPAddress KubernetesServiceIp = IPAddress.Parse("10.96.0.1");

    private static readonly string[] InClusterNames = ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"];

    /// <summary>
    /// localhost, the host name and the in-cluster names; 127.0.0.1, the kubernetes Service IP, the bind address
    /// (when one specific address), the advertise address and, when the server listens on every address,
    /// every address of <paramref name="interfaceAddresses"/>: wherever a client can reach the server.
    /// </summary>
    public static SubjectAlternativeNames Compute(string hostName, IPAddress bindAddress, IPAddress? advertiseAddress, IEnumerable<IPAddress> interfaceAddresses)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        var everyAddress = bindAddress.Equals(IPAddress.Any) || bindAddress.Equals(IPAddress.IPv6Any);
        IEnumerable<IPAddress?> addresses =
        [
            IPAddress.Loopback,
            KubernetesServiceIp,
            everyAddress ? null : bindAddress,
            advertiseAddress,
            .. everyAddress ? interfaceAddresses : [],
        ];
        return new SubjectAlternativeNames(
            [.. new[] { "localhost", hostName }.Concat(InClusterNames).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. addresses.OfType<IPAddress>().Distinct()]);
    }

    /// <summary>
    /// The unicast addresses of the host's interfaces that are up: IPv4, and IPv6 except link-local (whose scope a
    /// certificate cannot name, and which every new veth brings).
    /// </summary>
    public static IReadOnlyList<IPAddress> InterfaceAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal))
            .Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? new IPAddress(a.GetAddressBytes()) : a)
            .Distinct()];
}
