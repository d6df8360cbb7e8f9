namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>Ensures the jumps from built-in chains exist exactly once: <c>-N</c> the target, <c>-C</c>, and <c>-I</c> (prepend) only when missing.</summary>
internal static class IptablesJumps
{
    public static async Task EnsureAsync(IptablesHost host, IptablesFlavor flavor, IEnumerable<IptablesJump> jumps, CancellationToken cancellationToken)
    {
        var created = new HashSet<(string, string)>();
        foreach (var jump in jumps)
        {
            if (created.Add((jump.Table, jump.Target)))
            {
                // Exit code 1 "Chain already exists" is the expected answer after the first start.
                var create = await host.RunAsync(flavor.Iptables, ["-w", "-t", jump.Table, "-N", jump.Target], null, cancellationToken);
                if (!create.Succeeded && !create.StandardError.Contains("already exists", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"{flavor.Iptables} -t {jump.Table} -N {jump.Target}: {create.StandardError.Trim()}");
                }
            }

            var check = await host.RunAsync(flavor.Iptables, ["-w", "-t", jump.Table, "-C", jump.Source, .. jump.RuleArgs], null, cancellationToken);
            if (!check.Succeeded)
            {
                await host.RunCheckedAsync(flavor.Iptables, ["-w", "-t", jump.Table, "-I", jump.Source, .. jump.RuleArgs], null, cancellationToken);
            }
        }
    }
}
