using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.CronJob;
using Orchestrator.Testing;

namespace Orchestrator.ControllerManager.Tests.Controllers.CronJob;

public sealed class CronJobControllerTests
{
    [Fact]
    public async Task Creates_a_job_at_each_schedule_time_of_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ControllerHarness.StartAsync(c => [new CronJobController(c)], clock);
        var client = harness.Client;
        var cronJob = await client.BatchV1.CreateNamespacedCronJobAsync(
            new V1CronJob
            {
                Metadata = new V1ObjectMeta { Name = "tick", NamespaceProperty = "default" },
                Spec = new V1CronJobSpec
                {
                    Schedule = "* * * * *",
                    JobTemplate = new V1JobTemplateSpec
                    {
                        Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "t", Image = "t" }] } } },
                    },
                },
            },
            "default");
        var created = new DateTimeOffset(DateTime.SpecifyKind(cronJob.Metadata.CreationTimestamp!.Value, DateTimeKind.Utc));
        var firstMinute = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(1);

        async Task<List<string>> JobNames() =>
            (await client.BatchV1.ListNamespacedJobAsync("default")).Items.Select(j => j.Metadata.Name).Order().ToList();

        // Nothing before the first schedule time.
        await Task.Delay(300);
        Assert.Empty(await JobNames());

        var expected = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var due = firstMinute.AddMinutes(i);
            expected.Add("tick-" + (due.ToUnixTimeSeconds() / 60));
            await harness.EventuallyAsync(async () =>
            {
                // The controller sleeps on the fake clock: move it to just past the schedule time.
                if (clock.GetUtcNow() < due.AddSeconds(1))
                {
                    clock.SetUtcNow(due.AddSeconds(1));
                }

                return (await JobNames()).SequenceEqual(expected);
            }, "job " + expected[^1]);
        }

        await harness.EventuallyAsync(async () =>
        {
            var status = (await client.BatchV1.ReadNamespacedCronJobStatusAsync("tick", "default")).Status;
            return status?.Active?.Count == 2 && status.LastScheduleTime == firstMinute.AddMinutes(1).UtcDateTime;
        }, "status with two active jobs and the last schedule time");
        var job = await client.BatchV1.ReadNamespacedJobAsync(expected[0], "default");
        Assert.Equal(firstMinute.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), job.Metadata.Annotations[CronJobs.ScheduledTimestampAnnotation]);
        Assert.Equal("CronJob", job.Metadata.OwnerReferences[0].Kind);
    }
}
