using Orchestrator.Kubelet.Storage.LocalPath;

namespace Orchestrator.Kubelet.Tests.Storage.LocalPath;

/// <summary>The default class: WaitForFirstConsumer, Delete, default, and allowed only on nodes whose kubelet provisions.</summary>
public sealed class LocalPathStorageClassTests
{
    [Fact]
    public void The_default_class_is_allowed_only_on_nodes_labelled_as_provisioning()
    {
        var storageClass = LocalPathStorageClass.Object();

        Assert.Equal(("local-path", "orchestrator.dev/local-path", "WaitForFirstConsumer", "Delete"), (storageClass.Metadata.Name, storageClass.Provisioner, storageClass.VolumeBindingMode, storageClass.ReclaimPolicy));
        Assert.Equal("true", storageClass.Metadata.Annotations["storageclass.kubernetes.io/is-default-class"]);
        var requirement = Assert.Single(Assert.Single(storageClass.AllowedTopologies).MatchLabelExpressions);
        Assert.Equal(("orchestrator.dev/local-path", "true"), (requirement.Key, Assert.Single(requirement.Values)));
    }

    [Fact]
    public void A_provisioning_node_keeps_its_labels_and_gains_the_provisioner_s()
    {
        var labels = LocalPathNames.WithNodeLabel(new Dictionary<string, string> { ["disk"] = "ssd" });

        Assert.Equal(["disk=ssd", "orchestrator.dev/local-path=true"], labels.Select(l => l.Key + "=" + l.Value).Order(StringComparer.Ordinal));
    }
}
