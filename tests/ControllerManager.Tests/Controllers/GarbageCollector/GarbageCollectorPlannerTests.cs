using k8s.Models;
using Orchestrator.ControllerManager.Controllers.GarbageCollector;

namespace Orchestrator.ControllerManager.Tests.Controllers.GarbageCollector;

public sealed class GarbageCollectorPlannerTests
{
    private static V1OwnerReference Owner(string uid, bool block = false) =>
        new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs-" + uid, Uid = uid, BlockOwnerDeletion = block, Controller = true };

    private static OwnerState State(char c) => c switch
    {
        'S' => OwnerState.Solid,
        'D' => OwnerState.Dangling,
        _ => OwnerState.WaitingForDependentsDeletion,
    };

    // Owner states, one letter per ownerReference: S solid, D dangling, W waiting for dependents deletion.
    [Theory]
    [InlineData("", null, false, "keep", "")]
    [InlineData("S", null, false, "keep", "")]
    [InlineData("SS", null, false, "keep", "")]
    [InlineData("SD", null, false, "remove", "1")]
    [InlineData("SW", null, true, "remove", "1")]
    [InlineData("DSW", null, false, "remove", "0,2")]
    [InlineData("D", null, false, "delete", "Background")]
    [InlineData("DD", null, true, "delete", "Background")]
    [InlineData("D", "orphan", false, "delete", "Orphan")]
    [InlineData("D", "foregroundDeletion", false, "delete", "Foreground")]
    [InlineData("W", null, false, "delete", "Background")]
    [InlineData("W", null, true, "delete", "Foreground")]
    [InlineData("WD", "orphan", true, "delete", "Foreground")]
    public void Plan_follows_upstream_attemptToDeleteItem(string states, string? finalizer, bool hasDependents, string expected, string detail)
    {
        var owners = states.Select((_, i) => Owner(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var byUid = owners.Select((o, i) => (o.Uid, State(states[i]))).ToDictionary(p => p.Uid, p => p.Item2);

        var action = GarbageCollectorPlanner.Plan(owners, byUid, finalizer is null ? null : [finalizer], hasDependents);

        switch (expected)
        {
            case "keep":
                Assert.IsType<GarbageCollectorAction.Keep>(action);
                break;
            case "remove":
                Assert.Equal(detail.Split(','), Assert.IsType<GarbageCollectorAction.RemoveOwnerReferences>(action).Uids);
                break;
            default:
                Assert.Equal(detail, Assert.IsType<GarbageCollectorAction.Delete>(action).PropagationPolicy);
                break;
        }
    }

    [Theory]
    [InlineData(false, null, "S")]
    [InlineData(true, null, "S")]
    [InlineData(true, "orphan", "S")]
    [InlineData(false, "foregroundDeletion", "S")]
    [InlineData(true, "foregroundDeletion", "W")]
    public void StateOf_is_waiting_only_for_a_foreground_deletion_in_progress(bool deleting, string? finalizer, string expected)
    {
        var meta = new V1ObjectMeta
        {
            DeletionTimestamp = deleting ? DateTime.UtcNow : null,
            Finalizers = finalizer is null ? null : [finalizer],
        };

        Assert.Equal(State(expected[0]), GarbageCollectorPlanner.StateOf(meta));
    }

    [Theory]
    [InlineData("a", true, true)]
    [InlineData("a", false, false)]
    [InlineData("b", true, false)]
    public void Blocks_needs_blockOwnerDeletion_on_the_reference_to_that_owner(string ownerUid, bool block, bool expected)
    {
        var dependent = new V1ObjectMeta { OwnerReferences = [Owner("a", block)] };

        Assert.Equal(expected, GarbageCollectorPlanner.Blocks(dependent, ownerUid));
    }

    [Theory]
    [InlineData("a,b,c", "b", "a,c")]
    [InlineData("a", "a", "")]
    [InlineData("a,b", "x", "a,b")]
    public void Without_drops_only_the_given_owners(string owners, string drop, string expected)
    {
        var refs = owners.Split(',').Select(u => Owner(u)).ToList();

        var left = GarbageCollectorPlanner.Without(refs, drop.Split(','));

        Assert.Equal(expected, string.Join(',', left.Select(o => o.Uid)));
    }
}
