namespace Orchestrator.Kubelet.Runtime.Hollow;

/// <summary>Configurations of N hollow nodes: names "{prefix}{i}", distinct fake InternalIPs from 10.200.0.0/14.</summary>
public static class HollowNodes
{
    public static IReadOnlyList<NodeConfig> Create(int count, string prefix = "hollow-node-", NodeConfig? template = null, int firstIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count + firstIndex, 250_000);
        var nodes = new List<NodeConfig>(count);
        for (var i = firstIndex; i < firstIndex + count; i++)
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            var ip = $"10.{200 + (i / 65_025)}.{i / 255 % 255}.{(i % 255) + 1}";
            nodes.Add(template is null ? new NodeConfig(name, ip) : template with { Name = name, InternalIp = ip });
        }

        return nodes;
    }
}
