namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// The plan of an incremental sync: only the changed Service ports' elements, chains and sets, in an order the kernel
/// accepts in one transaction (elements pointing at a chain go before the chain; a chain is flushed before it is
/// deleted; sets and chains exist before rules refer to them).
/// </summary>
internal static class NftablesIncremental
{
    public const string ClusterIps = "cluster-ips";

    public static List<NftOperation> Plan(
        IReadOnlyList<(NftServiceFragment Old, NftServiceFragment New)> changes,
        IReadOnlyCollection<string> removedClusterIps,
        IReadOnlyCollection<string> addedClusterIps)
    {
        var plan = new List<NftOperation>();
        var flushed = new List<string>();
        var deletedChains = new List<string>();
        var deletedSets = new List<string>();
        var addedSets = new List<NftAffinitySet>();
        var addedChains = new List<string>();
        var rewritten = new List<NftChain>();
        var addedElements = new List<NftElement>();

        foreach (var (old, current) in changes)
        {
            DiffElements(plan, old, current, addedElements);
            var oldSets = old.AffinitySets.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var newSets = current.AffinitySets.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var setReplaced = oldSets.Values.Any(s => newSets.TryGetValue(s.Name, out var n) && n != s);
            deletedSets.AddRange(oldSets.Values.Where(s => !newSets.TryGetValue(s.Name, out var n) || n != s).Select(s => s.Name));
            addedSets.AddRange(newSets.Values.Where(s => !oldSets.TryGetValue(s.Name, out var o) || o != s));

            var newChains = current.Chains.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var oldChains = old.Chains.ToDictionary(c => c.Name, StringComparer.Ordinal);
            foreach (var chain in old.Chains)
            {
                if (!newChains.TryGetValue(chain.Name, out var replacement))
                {
                    flushed.Add(chain.Name);
                    deletedChains.Add(chain.Name);
                }
                else if (setReplaced || !replacement.SameRules(chain))
                {
                    // A replaced affinity set is still referenced by the chain's rules until they are flushed.
                    flushed.Add(chain.Name);
                    rewritten.Add(replacement);
                }
            }

            foreach (var chain in current.Chains.Where(c => !oldChains.ContainsKey(c.Name)))
            {
                addedChains.Add(chain.Name);
                rewritten.Add(chain);
            }
        }

        foreach (var ip in removedClusterIps)
        {
            plan.Add(NftOperation.DeleteElement(new NftElement(ClusterIps, ip)));
        }

        plan.AddRange(flushed.Select(NftOperation.FlushChain));
        plan.AddRange(deletedChains.Select(NftOperation.DeleteChain));
        plan.AddRange(deletedSets.Select(NftOperation.DeleteSet));
        plan.AddRange(addedSets.Select(NftOperation.AddSet));
        plan.AddRange(addedChains.Select(c => NftOperation.AddChain(c)));
        plan.AddRange(rewritten.SelectMany(chain => chain.Rules.Select(rule => NftOperation.AddRule(chain.Name, rule))));
        plan.AddRange(addedElements.Concat(addedClusterIps.Select(ip => new NftElement(ClusterIps, ip))).Select(NftOperation.AddElement));
        return plan;
    }

    private static void DiffElements(List<NftOperation> plan, NftServiceFragment old, NftServiceFragment current, List<NftElement> added)
    {
        var newById = current.Elements.Where(e => e.Collection != ClusterIps).ToDictionary(e => e.Identity);
        foreach (var element in old.Elements.Where(e => e.Collection != ClusterIps))
        {
            if (!newById.TryGetValue(element.Identity, out var replacement) || replacement != element)
            {
                plan.Add(NftOperation.DeleteElement(element));
            }
        }

        var oldElements = old.Elements.ToHashSet();
        added.AddRange(current.Elements.Where(e => e.Collection != ClusterIps && !oldElements.Contains(e)));
    }

}
