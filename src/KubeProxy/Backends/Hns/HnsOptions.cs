namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// Settings of the HNS mode, named as upstream's winkernel flags: <c>--network-name</c> (else env <c>KUBE_NETWORK</c>),
/// <c>--source-vip</c> (Overlay networks), <c>--enable-dsr</c>. <see cref="NetworkType"/> is only for <c>--dry-run</c>,
/// where no HNS network can be read (<c>--network-type</c>, default L2Bridge).
/// </summary>
public sealed record HnsOptions(string NetworkName, string? SourceVip = null, bool EnableDsr = false, string NetworkType = HnsNetworkInfo.L2Bridge)
{
    public const string NetworkEnvironmentVariable = "KUBE_NETWORK";

    /// <summary>Upstream's defaults: the network named by env <c>KUBE_NETWORK</c>, no source VIP, no DSR.</summary>
    public static HnsOptions FromEnvironment() => new(Environment.GetEnvironmentVariable(NetworkEnvironmentVariable) ?? "");

    /// <summary>Validates against the network found (or synthesized): Overlay needs a source VIP, as upstream refuses to start without it.</summary>
    public void Validate(HnsNetworkInfo network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (string.IsNullOrWhiteSpace(NetworkName))
        {
            throw new ArgumentException($"the hns mode needs a network name (--network-name or env {NetworkEnvironmentVariable})");
        }

        if (network.IsOverlay && string.IsNullOrWhiteSpace(SourceVip))
        {
            throw new ArgumentException($"network '{network.Name}' is an Overlay network: --source-vip is required");
        }

        if (SourceVip is { Length: > 0 } vip && !System.Net.IPAddress.TryParse(vip, out _))
        {
            throw new ArgumentException($"--source-vip '{vip}' is not an IP address");
        }
    }
}
