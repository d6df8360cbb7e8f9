namespace Orchestrator.KubeProxy.Backends.Nftables;

/// <summary>
/// The Service ports whose plan differs from what the kernel holds, with the changed ones rendered. One dictionary
/// lookup and one structural comparison per port, no per-sync copy of the applied state (at 10,000 ports the copies
/// and their large-object-heap garbage cost more than the comparisons). Pure: nothing is mutated.
/// </summary>
internal static class NftablesDiff
{
    /// <remarks>Port names are unique in a plan (the planner keys ports by name).</remarks>
    public static List<NftPortChange> Between(IReadOnlyDictionary<ServicePortName, NftAppliedPort> applied, ProxyPlan plan)
    {
        var changes = new List<NftPortChange>();
        var matched = 0;
        foreach (var port in plan.Services)
        {
            if (applied.TryGetValue(port.Name, out var old))
            {
                matched++;
                if (ReferenceEquals(old.Plan, port) || PlanEquality.SamePort(old.Plan, port))
                {
                    continue;
                }
            }

            changes.Add(new NftPortChange(port.Name, old, new NftAppliedPort(port, NftServiceRenderer.Render(port, plan.Node))));
        }

        if (matched != applied.Count)
        {
            // Some applied ports are gone: only now is the set of wanted names worth building.
            var wanted = plan.Services.Select(p => p.Name).ToHashSet();
            changes.AddRange(applied.Values.Where(p => !wanted.Contains(p.Plan.Name)).Select(p => new NftPortChange(p.Plan.Name, p, null)));
        }

        return changes;
    }
}
