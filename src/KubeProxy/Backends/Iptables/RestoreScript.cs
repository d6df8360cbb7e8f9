namespace Orchestrator.KubeProxy.Backends.Iptables;

/// <summary>
/// Writes <c>iptables-restore --noflush</c> input from a ruleset: <c>*filter … COMMIT *nat … COMMIT</c>. Declaring a
/// chain (<c>:CHAIN - [0:0]</c>) flushes it under <c>--noflush</c>, so top-level chains are always declared and
/// refilled, a Service's own chains only when <c>includeChains</c> says so, and each stale chain is declared
/// (flushed) then deleted with <c>-X</c>.
/// </summary>
internal static class RestoreScript
{
    public static string Compose(IptablesRuleset ruleset, Func<ServiceRules, bool> includeChains, IReadOnlyCollection<string> staleChains)
    {
        var text = new StringBuilder(1024 + (ruleset.Services.Count * 512));
        text.Append("*filter\n");
        foreach (var chain in ruleset.FilterChains)
        {
            AppendChainLine(text, chain);
        }

        AppendLines(text, ruleset.FilterRules);
        foreach (var service in ruleset.Services)
        {
            AppendLines(text, service.FilterRules);
        }

        AppendLines(text, ruleset.FilterTailRules);
        text.Append("COMMIT\n*nat\n");
        foreach (var chain in ruleset.NatChains)
        {
            AppendChainLine(text, chain);
        }

        var included = ruleset.Services.Where(includeChains).ToList();
        foreach (var chain in included.SelectMany(s => s.Chains).Concat(staleChains))
        {
            AppendChainLine(text, chain);
        }

        AppendLines(text, ruleset.NatRules);
        foreach (var service in ruleset.Services)
        {
            AppendLines(text, service.NatEntryRules);
        }

        foreach (var service in included)
        {
            AppendLines(text, service.ChainRules);
        }

        foreach (var chain in staleChains)
        {
            text.Append("-X ").Append(chain).Append('\n');
        }

        text.Append(ruleset.NodePortsJump).Append('\n');
        text.Append("COMMIT\n");
        return text.ToString();
    }

    private static void AppendChainLine(StringBuilder text, string chain) => text.Append(':').Append(chain).Append(" - [0:0]\n");

    private static void AppendLines(StringBuilder text, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
    }
}
