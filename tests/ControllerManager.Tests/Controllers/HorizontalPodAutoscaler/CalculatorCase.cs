using k8s.Models;
using Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// One of upstream's replica_calculator_test.go cases, built as upstream's harness builds them: pods "test-pod-N" with
/// two containers each requesting <see cref="Requests"/>[N], each using <see cref="Levels"/>[N] (so pod values are
/// twice the level); a pod past the levels has no sample. Readiness 'T'/'F', start 'c' (cool: started an hour ago)
/// or 'h' (hot: started now), phase 'R'/'P'/'F' (running, pending, failed), 'd' marks a pod being deleted.
/// </summary>
public sealed record CalculatorCase(string Name, int Current, int Expected, long[] Requests, long[] Levels, int Target, int ExpectedUtilization, long ExpectedValue)
{
    public string Readiness { get; init; } = "";

    public string Starts { get; init; } = "";

    public string Phases { get; init; } = "";

    public string Deleting { get; init; } = "";

    public string[] MetricPodNames { get; init; } = [];

    /// <summary>How many containers upstream's harness gives each pod.</summary>
    public const int ContainersPerPod = 2;

    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public int PodCount => Math.Max(Current, Phases.Length);

    public IReadOnlyList<V1Pod> Pods(string resource) =>
        [.. Enumerable.Range(0, PodCount).Select(i => Pod(i, resource))];

    internal PodResourceMetrics Metrics() => new(
        Levels.Select((level, i) => (Name: i < MetricPodNames.Length ? MetricPodNames[i] : $"test-pod-{i}", Value: level * ContainersPerPod))
            .ToDictionary(p => p.Name, p => new PodMetric(p.Value, Now, TimeSpan.FromMinutes(1))),
        Now);

    public override string ToString() => Name;

    private V1Pod Pod(int i, string resource)
    {
        var start = At(Starts, i, 'c') == 'h' ? Now : Now.AddHours(-1);
        var requests = i < Requests.Length
            ? new Dictionary<string, ResourceQuantity> { [resource] = new($"{Requests[i]}m") }
            : null;
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"test-pod-{i}",
                NamespaceProperty = "test-namespace",
                DeletionTimestamp = At(Deleting, i, '-') == 'd' ? Now.UtcDateTime : null,
            },
            Spec = new V1PodSpec
            {
                Containers = [.. Enumerable.Range(0, ContainersPerPod).Select(c => new V1Container { Name = $"container{c}", Resources = new V1ResourceRequirements { Requests = requests } })],
            },
            Status = new V1PodStatus
            {
                Phase = At(Phases, i, 'R') switch { 'P' => "Pending", 'F' => "Failed", _ => "Running" },
                StartTime = start.UtcDateTime,
                Conditions = [new V1PodCondition { Type = "Ready", Status = At(Readiness, i, 'T') == 'T' ? "True" : "False", LastTransitionTime = start.UtcDateTime }],
            },
        };
    }

    private static char At(string flags, int i, char fallback) => i < flags.Length ? flags[i] : fallback;
}
