using System.Globalization;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Job;

namespace Orchestrator.ControllerManager.Tests.Controllers.Job;

internal static class JobFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static V1Job NewJob(
        int? completions = 1, int? parallelism = 1, int backoffLimit = 6, bool indexed = false, bool suspend = false,
        long? deadline = null, DateTimeOffset? started = null, V1JobStatus? status = null) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta { Name = "pi", NamespaceProperty = "default", Uid = "job-uid" },
        Spec = new V1JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            BackoffLimit = backoffLimit,
            CompletionMode = indexed ? "Indexed" : "NonIndexed",
            Suspend = suspend,
            ActiveDeadlineSeconds = deadline,
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "pi" } },
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "pi", Image = "perl" }] },
            },
        },
        Status = status ?? new V1JobStatus { StartTime = (started ?? Now.AddMinutes(-1)).UtcDateTime },
    };

    public static V1Pod NewPod(string name, string phase = "Running", bool ready = false, int index = -1, bool finalizer = true, bool deleting = false)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "default",
                Uid = "uid-" + name,
                CreationTimestamp = Now.AddMinutes(-1).UtcDateTime,
                Finalizers = finalizer ? [JobConstants.TrackingFinalizer] : null,
                DeletionTimestamp = deleting ? Now.AddSeconds(-1).UtcDateTime : null,
                Annotations = index >= 0
                    ? new Dictionary<string, string> { [JobConstants.CompletionIndexAnnotation] = index.ToString(CultureInfo.InvariantCulture) }
                    : null,
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "pi" }] },
            Status = new V1PodStatus
            {
                Phase = phase,
                Conditions = ready ? [new V1PodCondition { Type = "Ready", Status = "True" }] : [],
                ContainerStatuses = phase is "Succeeded" or "Failed"
                    ? [new V1ContainerStatus { Name = "pi", State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { FinishedAt = Now.AddSeconds(-30).UtcDateTime } } }]
                    : null,
            },
        };
        return pod;
    }

    public static JobPlan Plan(V1Job job, params V1Pod[] pods) =>
        JobPlanner.Compute(job, pods, new HashSet<string>(), expectationsSatisfied: true, Now);
}
