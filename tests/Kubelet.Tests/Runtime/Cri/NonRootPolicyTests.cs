using k8s.Models;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri;

public sealed class NonRootPolicyTests
{
    private const string Pod = "\"p_default(uid-1)\"";

    [Theory]
    [InlineData(null, null, null, null, 0L, null, false, null)]
    [InlineData(false, null, null, null, 0L, null, false, null)]
    [InlineData(true, null, null, null, 1000L, null, true, null)]
    [InlineData(true, null, null, null, 0L, null, true, "container has runAsNonRoot and image will run as root (pod: " + Pod + ", container: dbg)")]
    [InlineData(true, null, null, null, null, "nobody", true, "container has runAsNonRoot and image has non-numeric user (nobody), cannot verify user is non-root (pod: " + Pod + ", container: dbg)")]
    [InlineData(null, true, null, null, 0L, null, true, "container has runAsNonRoot and image will run as root (pod: " + Pod + ", container: dbg)")]
    [InlineData(true, null, 0L, null, 1000L, null, false, "container's runAsUser breaks non-root policy (pod: " + Pod + ", container: dbg)")]
    [InlineData(true, null, null, 1000L, 0L, null, false, null)]
    [InlineData(false, true, null, null, 0L, null, false, null)]
    public void RunAsNonRoot_is_enforced_as_upstream_verifyRunAsNonRoot(
        bool? containerNonRoot, bool? podNonRoot, long? containerUser, long? podUser, long? imageUid, string? imageUser, bool needsImage, string? violation)
    {
        var container = new V1Container { Name = "dbg", SecurityContext = new V1SecurityContext { RunAsNonRoot = containerNonRoot, RunAsUser = containerUser } };
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "uid-1" },
            Spec = new V1PodSpec { Containers = [container], SecurityContext = new V1PodSecurityContext { RunAsNonRoot = podNonRoot, RunAsUser = podUser } },
        };

        Assert.Equal(needsImage, NonRootPolicy.NeedsImageUser(pod.Spec, container));
        Assert.Equal(violation, NonRootPolicy.Violation(pod, container, imageUid, imageUser));
    }
}
