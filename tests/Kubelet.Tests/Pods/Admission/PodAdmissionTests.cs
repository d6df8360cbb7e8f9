using k8s.Models;
using Orchestrator.Kubelet.Node;
using Orchestrator.Kubelet.Pods.Admission;

namespace Orchestrator.Kubelet.Tests.Pods.Admission;

/// <summary>upstream's predicateAdmitHandler OS checks (pkg/kubelet/lifecycle/predicate.go).</summary>
public sealed class PodAdmissionTests
{
    private static readonly NodeConfig Windows = new("win-0", "10.0.0.1") { OperatingSystem = "windows" };
    private static readonly NodeConfig Linux = new("lin-0", "10.0.0.2");

    [Theory]
    [InlineData("linux", "windows", "PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS")]
    [InlineData("windows", "linux", "PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS")]
    public void A_pod_for_another_os_is_rejected(string podOs, string nodeOs, string reason, string message)
    {
        var pod = Pod();
        pod.Spec.Os = new V1PodOS { Name = podOs };

        Assert.Equal(new PodRejection(reason, message), PodAdmission.Check(pod, nodeOs == "windows" ? Windows : Linux));
    }

    [Fact]
    public void A_pod_labelled_for_another_os_is_rejected_first()
    {
        var pod = Pod();
        pod.Metadata.Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" };
        pod.Spec.Os = new V1PodOS { Name = "linux" };

        Assert.Equal("PodOSSelectorNodeLabelDoesNotMatch", PodAdmission.Check(pod, Windows)?.Reason);
    }

    [Fact]
    public void Pods_for_the_nodes_os_or_for_no_os_in_particular_are_admitted()
    {
        var windowsPod = Pod();
        windowsPod.Spec.Os = new V1PodOS { Name = "windows" };

        Assert.Null(PodAdmission.Check(windowsPod, Windows));
        Assert.Null(PodAdmission.Check(Pod(), Windows));
        Assert.Null(PodAdmission.Check(Pod(), Linux));
    }

    [Fact]
    public void A_rejected_pod_fails_with_upstreams_status()
    {
        var status = PodAdmission.RejectedStatus(Pod(), new PodRejection("PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS"));

        Assert.Equal(("Failed", "PodOSNotSupported", "Pod was rejected: Failed to admit pod as the OS field doesn't match node OS", "BestEffort"), (status.Phase, status.Reason, status.Message, status.QosClass));
    }

    private static V1Pod Pod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "u" },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i:1" }] },
    };
}
