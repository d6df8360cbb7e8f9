using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Job;

namespace Orchestrator.ControllerManager.Tests.Controllers.Job;

public sealed class JobControllerTests
{
    private static V1Job Manifest(string name, int completions, int parallelism, int backoffLimit = 6) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1JobSpec
        {
            Completions = completions,
            Parallelism = parallelism,
            BackoffLimit = backoffLimit,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "work", Image = "busybox" }] },
            },
        },
    };

    private static async Task<IList<V1Pod>> PodsOf(IKubernetes client, string job) =>
        (await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "batch.kubernetes.io/job-name=" + job)).Items;

    private static Task FinishAsync(IKubernetes client, V1Pod pod, string phase) =>
        client.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch($$$"""{"status":{"phase":"{{{phase}}}"}}""", V1Patch.PatchType.MergePatch), pod.Metadata.Name, "default");

    [Fact]
    public async Task Runs_five_completions_two_at_a_time_and_completes()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new JobController(c));
        var client = harness.Client;
        await client.BatchV1.CreateNamespacedJobAsync(Manifest("five", 5, 2), "default");

        var maxActive = 0;
        var finishedWithFinalizer = new HashSet<string>();
        await harness.EventuallyAsync(async () =>
        {
            var pods = await PodsOf(client, "five");
            var active = pods.Where(p => p.Status?.Phase is not ("Succeeded" or "Failed") && p.Metadata.DeletionTimestamp is null).ToList();
            maxActive = Math.Max(maxActive, active.Count);
            foreach (var pod in active)
            {
                // An excess pod (one created before the controller saw the last success) is deleted with its tracking
                // finalizer removed first, as upstream's deleteActivePods does: between the two writes it is active and
                // without the finalizer. It is not one of the job's completions, so it is left alone here.
                if (pod.Metadata.Finalizers?.Contains(JobConstants.TrackingFinalizer) != true)
                {
                    continue;
                }

                finishedWithFinalizer.Add(pod.Metadata.Uid);
                await FinishAsync(client, pod, "Succeeded");
            }

            var job = await client.BatchV1.ReadNamespacedJobStatusAsync("five", "default");
            return job.Status?.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true;
        }, "the job to complete", TimeSpan.FromSeconds(15));

        var done = await client.BatchV1.ReadNamespacedJobStatusAsync("five", "default");
        Assert.True(maxActive <= 2, $"saw {maxActive} active pods");
        Assert.Equal(5, done.Status.Succeeded);
        Assert.Equal(0, done.Status.Active);
        Assert.NotNull(done.Status.CompletionTime);
        Assert.Contains(done.Status.Conditions, c => c.Type == "SuccessCriteriaMet");
        var pods = await PodsOf(client, "five");
        Assert.Equal(5, pods.Count);
        Assert.All(pods, p => Assert.Contains(p.Metadata.Uid, finishedWithFinalizer)); // every completion carried the finalizer while active
        Assert.All(pods, p => Assert.DoesNotContain(JobConstants.TrackingFinalizer, p.Metadata.Finalizers ?? []));
    }

    [Fact]
    public async Task Exceeding_the_backoff_limit_fails_the_job()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new JobController(c));
        var client = harness.Client;
        await client.BatchV1.CreateNamespacedJobAsync(Manifest("doomed", 3, 1, backoffLimit: 0), "default");

        await harness.EventuallyAsync(async () => (await PodsOf(client, "doomed")).Count == 1, "the first pod");
        await FinishAsync(client, (await PodsOf(client, "doomed"))[0], "Failed");

        await harness.EventuallyAsync(async () =>
        {
            var job = await client.BatchV1.ReadNamespacedJobStatusAsync("doomed", "default");
            return job.Status?.Conditions?.Any(c => c is { Type: "Failed", Status: "True", Reason: "BackoffLimitExceeded" }) == true;
        }, "the job to fail", describe: async () => KubernetesJson.Serialize(await client.BatchV1.ReadNamespacedJobStatusAsync("doomed", "default")));
        var failed = await client.BatchV1.ReadNamespacedJobStatusAsync("doomed", "default");
        Assert.Equal(1, failed.Status.Failed);
        Assert.Contains(failed.Status.Conditions, c => c.Type == "FailureTarget");
    }

    [Fact]
    public async Task Deleting_a_job_releases_its_pods_from_the_tracking_finalizer()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new JobController(c));
        var client = harness.Client;
        await client.BatchV1.CreateNamespacedJobAsync(Manifest("gone", 2, 2), "default");
        await harness.EventuallyAsync(async () => (await PodsOf(client, "gone")).Count == 2, "two pods");

        await client.BatchV1.DeleteNamespacedJobAsync("gone", "default", new V1DeleteOptions { PropagationPolicy = "Background" });

        await harness.EventuallyAsync(
            async () => (await PodsOf(client, "gone")).All(p => !(p.Metadata.Finalizers ?? []).Contains(JobConstants.TrackingFinalizer)),
            "the finalizers to be removed");
    }
}
