using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Namespace;

namespace Orchestrator.ControllerManager.Tests.Controllers.Namespace;

public sealed class NamespaceConditionsTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static KindDeletionResult Result(string gr, int remaining, string? finalizer = null, string? error = null) =>
        new(gr, remaining, finalizer is null ? new Dictionary<string, int>() : new Dictionary<string, int> { [finalizer] = remaining }, 0, error);

    [Theory]
    [InlineData(NamespaceConditions.DiscoveryFailure, "False", "ResourcesDiscovered", "All resources successfully discovered")]
    [InlineData(NamespaceConditions.GroupVersionParsingFailure, "False", "ParsedGroupVersions", "All legacy kube types successfully parsed")]
    [InlineData(NamespaceConditions.ContentFailure, "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization")]
    [InlineData(NamespaceConditions.ContentRemaining, "False", "ContentRemoved", "All content successfully removed")]
    [InlineData(NamespaceConditions.FinalizersRemaining, "False", "ContentRemoved", "All content successfully removed")]
    public void A_clean_pass_sets_every_condition_to_its_ok_variant(string type, string status, string reason, string message)
    {
        var (conditions, changed) = NamespaceConditions.Compute(null, [Result("pods.", 0)], Now);

        Assert.True(changed);
        Assert.Equal(5, conditions.Count);
        var condition = Assert.Single(conditions, c => c.Type == type);
        Assert.Equal((status, reason, message), (condition.Status, condition.Reason, condition.Message));
        Assert.Equal(Now, condition.LastTransitionTime);
    }

    [Theory]
    [InlineData(NamespaceConditions.ContentRemaining, "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances")]
    [InlineData(NamespaceConditions.FinalizersRemaining, "SomeFinalizerRemain", "Some finalizers are remaining: example.com/a in 2 resource instances")]
    [InlineData(NamespaceConditions.ContentFailure, "ContentDeletionFailed", "Failed to delete all resource types, 1 remaining: boom")]
    public void Remaining_content_and_failures_set_true_conditions_with_upstream_messages(string type, string reason, string message)
    {
        KindDeletionResult[] results = [Result("pods.", 2, "example.com/a"), Result("configmaps.", 1), Result("secrets.", 0, error: "boom")];

        var (conditions, _) = NamespaceConditions.Compute(null, results, Now);

        var condition = Assert.Single(conditions, c => c.Type == type);
        Assert.Equal(("True", reason, message), (condition.Status, condition.Reason, condition.Message));
    }

    [Theory]
    [InlineData(0, false, false)] // same state again: no write
    [InlineData(1, true, true)]   // status flips: new transition time
    public void Only_a_status_change_moves_the_transition_time(int remainingNow, bool expectChanged, bool expectNewTransition)
    {
        var before = Now.AddMinutes(-5);
        var (first, _) = NamespaceConditions.Compute(null, [Result("pods.", 0)], before);

        var (second, changed) = NamespaceConditions.Compute(first, [Result("pods.", remainingNow)], Now);

        Assert.Equal(expectChanged, changed);
        var remaining = Assert.Single(second, c => c.Type == NamespaceConditions.ContentRemaining);
        Assert.Equal(expectNewTransition ? Now : before, remaining.LastTransitionTime);
        Assert.Equal(before, Assert.Single(first, c => c.Type == NamespaceConditions.ContentRemaining).LastTransitionTime);
    }
}
