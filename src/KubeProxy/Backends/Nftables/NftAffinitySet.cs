namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>A per-endpoint ClientIP affinity set: source addresses that used the endpoint, forgotten after the timeout.</summary>
internal sealed record NftAffinitySet(string Name, int TimeoutSeconds)
{
    public string Definition =>
        string.Create(CultureInfo.InvariantCulture, $"{{ type ipv4_addr ; flags dynamic,timeout ; timeout {TimeoutSeconds}s ; }}");
}
