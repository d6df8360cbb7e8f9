using Orchestrator.ApiServer.Admission.NodeRestriction;

namespace Orchestrator.ApiServer.Tests.Admission.NodeRestriction;

public sealed class NodeLabelsTests
{
    [Theory]
    [InlineData("node-restriction.kubernetes.io/x", true)]
    [InlineData("example.node-restriction.kubernetes.io/x", true)]
    [InlineData("node-role.kubernetes.io/control-plane", true)]
    [InlineData("kubernetes.io/role", true)]
    [InlineData("k8s.io/x", true)]
    [InlineData("team.k8s.io/x", true)]
    [InlineData("kubernetes.io/hostname", false)]
    [InlineData("topology.kubernetes.io/zone", false)]
    [InlineData("beta.kubernetes.io/arch", false)]
    [InlineData("node.kubernetes.io/instance-type", false)]
    [InlineData("node.kubernetes.io/anything", false)]
    [InlineData("x.kubelet.kubernetes.io/y", false)]
    [InlineData("example.com/team", false)]
    [InlineData("plain", false)]
    public void A_kubelet_may_set_only_its_own_label_namespaces_of_kubernetes_io(string key, bool forbidden) =>
        Assert.Equal(forbidden, NodeLabels.Forbidden([key]).Count == 1);

    [Fact]
    public void Added_removed_and_changed_keys_are_modified_and_listed_in_order()
    {
        var modified = NodeLabels.Modified(
            new Dictionary<string, string> { ["same"] = "1", ["changed"] = "new", ["added"] = "x" },
            new Dictionary<string, string> { ["same"] = "1", ["changed"] = "old", ["removed"] = "y" });

        Assert.Equal(["added", "changed", "removed"], modified);
    }
}
