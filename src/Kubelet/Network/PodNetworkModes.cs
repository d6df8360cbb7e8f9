namespace Orchestrator.Kubelet.Network;

/// <summary>The command-line names of <see cref="PodNetworkMode"/>.</summary>
public static class PodNetworkModes
{
    public const string HostGwName = "host-gw";
    public const string NoneName = "none";

    /// <summary>Parses "host-gw" or "none"; null for anything else.</summary>
    public static PodNetworkMode? Parse(string text) => text switch
    {
        HostGwName => PodNetworkMode.HostGw,
        NoneName => PodNetworkMode.None,
        _ => null,
    };
}
