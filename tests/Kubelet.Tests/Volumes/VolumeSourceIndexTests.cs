using k8s.Models;
using Orchestrator.Client;
using Orchestrator.Kubelet.Volumes;

namespace Orchestrator.Kubelet.Tests.Volumes;

public sealed class VolumeSourceIndexTests
{
    [Fact]
    public void Indexes_configMap_secret_and_projected_references_per_pod()
    {
        var pod = VolumeManagerFixture.Pod(
            "u1",
            Specs.ConfigMap("a", "cm"),
            Specs.Secret("b", "s"),
            Specs.Projected("c", null, new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = "cm" } }, new V1VolumeProjection { Secret = new V1SecretProjection { Name = "p" } }),
            Specs.EmptyDir("d"));

        Assert.Equal(
            [new(VolumeSourceKind.ConfigMap, "ns", "cm"), new(VolumeSourceKind.Secret, "ns", "s"), new(VolumeSourceKind.Secret, "ns", "p")],
            VolumeSourceIndex.RefsOf(pod));

        var index = new VolumeSourceIndex();
        index.Set("u1", NamespacedName.Of(pod), VolumeSourceIndex.RefsOf(pod));
        index.Set("u2", new NamespacedName("ns", "other"), [new(VolumeSourceKind.ConfigMap, "ns", "cm")]);

        Assert.Equal(["u1", "u2"], index.PodsReferencing(new(VolumeSourceKind.ConfigMap, "ns", "cm")).Select(p => p.Uid).Order());
        Assert.Equal([new VolumePodRef("u1", new NamespacedName("ns", "pod-u1"))], index.PodsReferencing(new(VolumeSourceKind.Secret, "ns", "p")));
        Assert.Empty(index.PodsReferencing(new(VolumeSourceKind.ConfigMap, "ns", "s")));
        Assert.Empty(index.PodsReferencing(new(VolumeSourceKind.ConfigMap, "other-ns", "cm")));

        index.Set("u1", NamespacedName.Of(pod), []);
        Assert.Equal(["u2"], index.PodsReferencing(new(VolumeSourceKind.ConfigMap, "ns", "cm")).Select(p => p.Uid));
        index.Remove("u2");
        Assert.Empty(index.PodsReferencing(new(VolumeSourceKind.ConfigMap, "ns", "cm")));
    }
}
