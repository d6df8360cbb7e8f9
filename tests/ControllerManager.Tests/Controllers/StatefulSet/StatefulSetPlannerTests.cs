using k8s.Models;
using Orchestrator.ControllerManager.Controllers.StatefulSet;
using Orchestrator.ControllerManager.Controllers.Workloads;
using static Orchestrator.ControllerManager.Tests.Controllers.StatefulSet.StatefulSetFixtures;

namespace Orchestrator.ControllerManager.Tests.Controllers.StatefulSet;

public sealed class StatefulSetPlannerTests
{
    public static TheoryData<string, V1Pod[], string[], string[], string?> OrderedReadyCases() => new()
    {
        // name, pods, created, deleted, waiting for
        { "empty set creates web-0 only", [], ["web-0"], [], "web-0" },
        { "web-0 not ready blocks web-1", [NewPod(0, ready: false)], [], [], "web-0" },
        { "web-0 ready creates web-1", [NewPod(0)], ["web-1"], [], "web-1" },
        { "a gap is filled first", [NewPod(0), NewPod(2)], ["web-1"], [], "web-1" },
        { "failed pod is deleted for recreation", [NewPod(0), NewPod(1, phase: "Failed", ready: false)], [], ["web-1"], null },
        { "terminating pod blocks", [NewPod(0, deleting: true)], [], [], "web-0" },
        { "all healthy: nothing to do", [NewPod(0), NewPod(1), NewPod(2)], [], [], null },
        { "scale down removes the highest first", [NewPod(0), NewPod(1), NewPod(2), NewPod(3), NewPod(4)], [], ["web-4"], null },
        { "scale down waits for the terminating one", [NewPod(0), NewPod(1), NewPod(2), NewPod(3), NewPod(4, deleting: true)], [], [], "web-4" },
        { "scale down waits for unhealthy replicas", [NewPod(0), NewPod(1, ready: false), NewPod(2), NewPod(3)], [], [], "web-1" },
    };

    [Theory]
    [MemberData(nameof(OrderedReadyCases))]
    public void OrderedReady(string name, V1Pod[] pods, string[] created, string[] deleted, string? waiting)
    {
        var plan = Plan(NewSet(), pods);

        Assert.True(created.SequenceEqual(plan.Create.Select(p => p.Metadata.Name)), name + ": created " + string.Join(",", plan.Create.Select(p => p.Metadata.Name)));
        Assert.True(deleted.SequenceEqual(plan.Delete.Select(p => p.Metadata.Name)), name + ": deleted " + string.Join(",", plan.Delete.Select(p => p.Metadata.Name)));
        Assert.True(waiting == plan.Waiting, name + ": waiting " + plan.Waiting);
    }

    [Fact]
    public void Parallel_creates_and_removes_everything_at_once()
    {
        var up = Plan(NewSet(replicas: 3, policy: "Parallel"), NewPod(0, ready: false));
        Assert.Equal(["web-1", "web-2"], up.Create.Select(p => p.Metadata.Name));

        var down = Plan(NewSet(replicas: 1, policy: "Parallel"), NewPod(0), NewPod(1), NewPod(2, ready: false));
        Assert.Equal(["web-2", "web-1"], down.Delete.Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Pods_have_stable_identity_labels_hostname_and_claims()
    {
        var set = NewSet(claims: true);

        var plan = StatefulSetPlanner.Compute(set, [], OldTemplate(), Current, Update, new HashSet<string>(), Now);

        var pod = Assert.Single(plan.Create);
        Assert.Equal("web-0", pod.Metadata.Name);
        Assert.Equal("web-0", pod.Metadata.Labels[StatefulPods.PodNameLabel]);
        Assert.Equal("0", pod.Metadata.Labels[StatefulPods.PodIndexLabel]);
        Assert.Equal(Update, pod.Metadata.Labels[Revisions.HashLabel]);
        Assert.Equal(("web-0", "nginx"), (pod.Spec.Hostname, pod.Spec.Subdomain));
        Assert.Equal("www-web-0", Assert.Single(pod.Spec.Volumes).PersistentVolumeClaim.ClaimName);
        var claim = Assert.Single(plan.Claims);
        Assert.Equal("www-web-0", claim.Metadata.Name);
        Assert.Equal("web", claim.Metadata.Labels["app"]);
        Assert.Null(claim.Metadata.OwnerReferences);
    }

    [Fact]
    public void Existing_claims_are_not_created_again()
    {
        var plan = StatefulSetPlanner.Compute(NewSet(claims: true), [NewPod(0)], OldTemplate(), Current, Update, new HashSet<string> { "www-web-0" }, Now);

        Assert.Equal("www-web-1", Assert.Single(plan.Claims).Metadata.Name);
    }

    [Fact]
    public void Claims_are_owned_by_the_set_when_whenDeleted_is_Delete()
    {
        var set = NewSet(claims: true);
        set.Spec.PersistentVolumeClaimRetentionPolicy = new V1StatefulSetPersistentVolumeClaimRetentionPolicy { WhenDeleted = "Delete", WhenScaled = "Retain" };

        var claim = Assert.Single(StatefulPods.Claims(set, 0));

        Assert.Equal("sts-uid", Assert.Single(claim.Metadata.OwnerReferences).Uid);
    }

    public static TheoryData<string, int, V1Pod[], string[], string?> RollingCases() => new()
    {
        // name, partition, pods, deleted, waiting
        { "highest old pod goes first", 0, [NewPod(0, Current), NewPod(1, Current), NewPod(2, Current)], ["web-2"], null },
        { "then the next once the updated one is healthy", 0, [NewPod(0, Current), NewPod(1, Current), NewPod(2)], ["web-1"], null },
        { "waits for the updated pod to be ready", 0, [NewPod(0, Current), NewPod(1, Current), NewPod(2, ready: false)], [], "web-2" },
        { "partition keeps lower ordinals", 2, [NewPod(0, Current), NewPod(1, Current), NewPod(2)], [], null },
    };

    [Theory]
    [MemberData(nameof(RollingCases))]
    public void RollingUpdate_with_partition(string name, int partition, V1Pod[] pods, string[] deleted, string? waiting)
    {
        var plan = Plan(NewSet(partition: partition), pods);

        Assert.True(deleted.SequenceEqual(plan.Delete.Select(p => p.Metadata.Name)), name);
        Assert.True(waiting == plan.Waiting, name + ": waiting " + plan.Waiting);
    }

    [Fact]
    public void Recreated_pods_below_the_partition_keep_the_current_template()
    {
        var plan = Plan(NewSet(partition: 2), NewPod(1, Current), NewPod(2));

        var pod = Assert.Single(plan.Create);
        Assert.Equal(("web-0", Current, "nginx:1"), (pod.Metadata.Name, pod.Metadata.Labels[Revisions.HashLabel], pod.Spec.Containers[0].Image));
    }

    [Fact]
    public void OnDelete_never_deletes_old_pods()
    {
        var plan = Plan(NewSet(strategy: "OnDelete", partition: null), NewPod(0, Current), NewPod(1, Current), NewPod(2, Current));

        Assert.Empty(plan.Delete);
        Assert.Equal(Current, plan.Status.CurrentRevision);
    }

    [Fact]
    public void Status_counts_replicas_and_revisions()
    {
        var plan = Plan(NewSet(), NewPod(0, Current), NewPod(1, Current), NewPod(2, ready: false));

        var s = plan.Status;
        Assert.Equal((3, 2, 2, 2, 1), (s.Replicas, s.ReadyReplicas ?? 0, s.AvailableReplicas, s.CurrentReplicas ?? 0, s.UpdatedReplicas ?? 0));
        Assert.Equal((Current, Update, 4L), (s.CurrentRevision, s.UpdateRevision, s.ObservedGeneration ?? 0));
    }

    [Fact]
    public void A_finished_rollout_makes_the_update_revision_current()
    {
        var s = Plan(NewSet(), NewPod(0), NewPod(1), NewPod(2)).Status;

        Assert.Equal((Update, 3), (s.CurrentRevision, s.CurrentReplicas ?? 0));
    }
}
