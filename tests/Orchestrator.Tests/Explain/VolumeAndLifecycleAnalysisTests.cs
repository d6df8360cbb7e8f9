using k8s.Models;
using Orchestrator.Host.Explain;
using static Orchestrator.Orchestrator.Tests.Explain.ExplainObjects;

namespace Orchestrator.Orchestrator.Tests.Explain;

/// <summary>Claims, ConfigMaps and Secrets the pod needs; deletion, finalizers and the node's health.</summary>
public sealed class VolumeAndLifecycleAnalysisTests
{
    [Fact]
    public void Missing_and_unbound_claims_and_missing_config_are_named()
    {
        var pod = Pod(node: "node-a");
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "gone" } },
            new V1Volume { Name = "cache", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "waiting" } },
            new V1Volume { Name = "conf", ConfigMap = new V1ConfigMapVolumeSource { Name = "settings" } },
            new V1Volume { Name = "opt", ConfigMap = new V1ConfigMapVolumeSource { Name = "maybe", Optional = true } },
            new V1Volume { Name = "tls", Secret = new V1SecretVolumeSource { SecretName = "cert" } },
        ];
        pod.Spec.Containers[0].EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "db" } }];
        var claim = new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "waiting" },
            Spec = new V1PersistentVolumeClaimSpec { StorageClassName = "local-path", Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } } },
            Status = new V1PersistentVolumeClaimStatus { Phase = "Pending" },
        };
        var summaries = PodExplainer.Analyse(Facts(pod, claims: [claim], secrets: ["cert"])).Select(f => f.Summary).ToList();
        Assert.Equal(
        [
            "Volume data: PersistentVolumeClaim gone does not exist in namespace default",
            "Volume cache: PersistentVolumeClaim waiting is Pending, not Bound",
            "Volume conf: ConfigMap settings does not exist in namespace default",
            "Container app: its environment reads Secret db, which does not exist in namespace default",
        ], summaries);
    }

    [Fact]
    public void A_terminating_pod_names_its_finalizers()
    {
        var pod = Pod(node: "node-a", phase: "Running");
        pod.Metadata.DeletionTimestamp = Now.AddSeconds(-300).UtcDateTime;
        pod.Metadata.DeletionGracePeriodSeconds = 30;
        pod.Metadata.Finalizers = ["example.com/cleanup"];
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }];
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod)));
        Assert.Equal("Terminating", finding.Summary);
        Assert.Equal(["deletion requested 5m ago (grace period 30s)", "held by finalizers: example.com/cleanup (the controllers that own them remove them)"], finding.Details);
        Assert.StartsWith("Pod default/web: Terminating, on node-a", PodExplainer.State(Facts(pod)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_on_a_NotReady_node_says_so()
    {
        var node = Node("node-a");
        node.Status.Conditions = [new V1NodeCondition { Type = "Ready", Status = "Unknown", Reason = "NodeStatusUnknown", Message = "Kubelet stopped posting node status." }];
        var pod = Pod(node: "node-a", phase: "Running");
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod, nodes: [node])), f => f.Severity == Severity.Error);
        Assert.Equal("Its node node-a is not Ready", finding.Summary);
        Assert.Equal("Ready=Unknown (NodeStatusUnknown: Kubelet stopped posting node status.)", finding.Details[0]);
    }

    [Fact]
    public void Running_but_not_Ready_with_no_cause_found_says_so()
    {
        var pod = Pod(node: "node-a", phase: "Running");
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady", Message = "containers with unready status: [app]" }];
        var finding = Assert.Single(PodExplainer.Analyse(Facts(pod)));
        Assert.Equal("Not Ready, and no cause found", finding.Summary);
        Assert.Equal("Ready=False (ContainersNotReady: containers with unready status: [app])", finding.Details[0]);
    }
}
