using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.ApiMachinery.Tests.Images;

/// <summary>Node platforms from labels: defaults, and one shared instance per distinct platform (the scheduler remembers answers by reference).</summary>
public sealed class NodePlatformTests
{
    [Fact]
    public void Nodes_with_the_same_labels_share_one_platform_instance()
    {
        var first = NodePlatform.FromLabels(new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["kubernetes.io/arch"] = "amd64", ["node.kubernetes.io/windows-build"] = "10.0.17763", ["other"] = "a" });
        var second = NodePlatform.FromLabels(new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["kubernetes.io/arch"] = "amd64", ["node.kubernetes.io/windows-build"] = "10.0.17763", ["other"] = "b" });
        var other = NodePlatform.FromLabels(new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["kubernetes.io/arch"] = "amd64", ["node.kubernetes.io/windows-build"] = "10.0.20348" });

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal(new NodePlatform("windows", "amd64", "10.0.17763"), first);
    }

    [Fact]
    public void A_node_without_labels_is_linux_of_unknown_architecture() =>
        Assert.Equal(new NodePlatform("linux", null, null), NodePlatform.FromLabels(null));
}
