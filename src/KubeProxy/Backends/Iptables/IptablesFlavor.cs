namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// One of the two iptables implementations on a Linux host: <c>nft</c> (iptables-nft, rules in nf_tables) or
/// <c>legacy</c> (iptables-legacy, x_tables blobs). Both can hold rules at once and the kernel runs both, so the
/// proxy must write to the one the node already uses.
/// </summary>
internal sealed record IptablesFlavor(string Name, string Iptables, string Restore, string Save)
{
    public static IptablesFlavor Nft { get; } = new("nft", "iptables-nft", "iptables-nft-restore", "iptables-nft-save");

    public static IptablesFlavor Legacy { get; } = new("legacy", "iptables-legacy", "iptables-legacy-restore", "iptables-legacy-save");

    public static IReadOnlyList<IptablesFlavor> All { get; } = [Nft, Legacy];

    public override string ToString() => Name;
}
