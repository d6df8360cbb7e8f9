using k8s.Models;
using Orchestrator.ApiMachinery.Pods;

namespace Orchestrator.ApiMachinery.Tests.Pods;

/// <summary>Pod predicates as upstream's podutil: availability needs more than minReadySeconds of readiness.</summary>
public sealed class PodStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(10, 11, true)]
    [InlineData(10, 10, false)]
    [InlineData(10, 9, false)]
    public void AvailableOnlyAfterMinReadySecondsHavePassed(int minReadySeconds, int readyForSeconds, bool available) =>
        Assert.Equal(available, PodState.IsAvailable(ReadyPod(Now.AddSeconds(-readyForSeconds).UtcDateTime), minReadySeconds, Now));

    [Fact]
    public void NotReadyIsNeverAvailable()
    {
        var pod = ReadyPod(Now.UtcDateTime);
        pod.Status.Conditions[0].Status = "False";
        Assert.False(PodState.IsAvailable(pod, 0, Now));
        Assert.False(PodState.IsReady(pod));
        Assert.Null(PodState.ReadySince(pod));
    }

    [Theory]
    [InlineData("Running", false, true, false)]
    [InlineData("Succeeded", false, false, false)]
    [InlineData("Failed", true, false, false)]
    [InlineData("Running", true, false, true)]
    [InlineData(null, false, true, false)]
    public void ActiveAndTerminating(string? phase, bool deleting, bool active, bool terminating)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", DeletionTimestamp = deleting ? Now.UtcDateTime : null },
            Status = new V1PodStatus { Phase = phase },
        };
        Assert.Equal(active, PodState.IsActive(pod));
        Assert.Equal(terminating, PodState.IsTerminating(pod));
    }

    private static V1Pod ReadyPod(DateTime since) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p" },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = since }],
            ContainerStatuses = [new V1ContainerStatus { Name = "c", RestartCount = 2 }],
        },
    };
}
