using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Namespace;

namespace Orchestrator.ControllerManager.Tests.Controllers.Namespace;

public sealed class NamespaceDeletionPlannerTests
{
    private static readonly DateTime DeletedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(new long[0], 0, 0)]
    [InlineData(new long[] { 30 }, 0, 30)]
    [InlineData(new long[] { 30, 60 }, 10, 60)]
    [InlineData(new long[] { 30 }, 30, 0)] // the grace period has passed since the namespace was deleted
    [InlineData(new long[] { 30 }, 45, 0)]
    public void EstimatePods_is_the_longest_grace_period_until_it_has_passed(long[] graces, int secondsSinceDeletion, long expected)
    {
        var pods = graces.Select(g => new V1Pod { Spec = new V1PodSpec { TerminationGracePeriodSeconds = g } });

        Assert.Equal(expected, NamespaceDeletionPlanner.EstimatePods(pods, DeletedAt, DeletedAt.AddSeconds(secondsSinceDeletion)));
    }

    [Theory]
    [InlineData("Succeeded", 0)]
    [InlineData("Failed", 0)]
    [InlineData("Running", 90)]
    [InlineData(null, 90)]
    public void EstimatePods_ignores_terminal_pods(string? phase, long expected)
    {
        var pod = new V1Pod { Spec = new V1PodSpec { TerminationGracePeriodSeconds = 90 }, Status = new V1PodStatus { Phase = phase } };

        Assert.Equal(expected, NamespaceDeletionPlanner.EstimatePods([pod], DeletedAt, DeletedAt));
    }

    [Theory]
    [InlineData(0, 0, false, 0, false)]        // nothing left
    [InlineData(2, 30, false, 30, false)]      // pods still terminating within their grace period
    [InlineData(1, 0, true, 15, false)]        // held by a finalizer: the finalizer estimate
    [InlineData(1, 0, false, 0, true)]         // left without reason: an error
    public void Remaining_classifies_what_is_left(int count, long estimate, bool withFinalizer, long expectedEstimate, bool expectError)
    {
        var remaining = Enumerable.Range(0, count)
            .Select(i => new V1ObjectMeta { Name = $"o{i}", Finalizers = withFinalizer ? ["example.com/hold"] : null })
            .ToList();

        var result = NamespaceDeletionPlanner.Remaining("ns", "configmaps.", remaining, estimate);

        Assert.Equal(count, result.Remaining);
        Assert.Equal(expectedEstimate, result.EstimateSeconds);
        Assert.Equal(expectError, result.Error is not null);
        Assert.Equal(withFinalizer ? count : 0, result.Finalizers.GetValueOrDefault("example.com/hold"));
    }

    [Theory]
    [InlineData(new long[] { 0, 0 }, false, "finalize", 0)]
    [InlineData(new long[] { 0, 30 }, false, "wait", 16)]
    [InlineData(new long[] { 15, 0 }, false, "wait", 8)]
    [InlineData(new long[] { 30, 0 }, true, "retry", 0)]
    public void Decide_finalizes_waits_or_retries(long[] estimates, bool withError, string expected, int expectedSeconds)
    {
        var results = estimates.Select((e, i) => new KindDeletionResult($"k{i}.", e > 0 ? 1 : 0, new Dictionary<string, int>(), e,
            withError && i == 1 ? "boom" : null)).ToList();

        var decision = NamespaceDeletionPlanner.Decide(results);

        switch (expected)
        {
            case "finalize":
                Assert.IsType<NamespaceDeletionDecision.Finalize>(decision);
                break;
            case "wait":
                Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Assert.IsType<NamespaceDeletionDecision.Wait>(decision).After);
                break;
            default:
                Assert.Contains("boom", Assert.IsType<NamespaceDeletionDecision.Retry>(decision).Message);
                break;
        }
    }

    [Theory]
    [InlineData(new[] { "kubernetes" }, new string[0])]
    [InlineData(new[] { "example.com/x", "kubernetes" }, new[] { "example.com/x" })]
    [InlineData(new[] { "example.com/x" }, null)]
    [InlineData(new string[0], null)]
    public void WithoutKubernetesFinalizer_removes_only_ours(string[] finalizers, string[]? expected)
    {
        var ns = new V1Namespace { Spec = new V1NamespaceSpec { Finalizers = finalizers } };

        Assert.Equal(expected, NamespaceDeletionPlanner.WithoutKubernetesFinalizer(ns)?.ToArray());
    }
}
