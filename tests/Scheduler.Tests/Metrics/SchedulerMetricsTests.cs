using Orchestrator.Scheduler.Metrics;
using Orchestrator.Scheduler.Queue;
using Orchestrator.Testing;
using Prometheus;

namespace Orchestrator.Scheduler.Tests.Metrics;

public sealed class SchedulerMetricsTests
{
    [Fact]
    public async Task Attempts_are_counted_and_timed_by_result_under_the_schedulers_profile()
    {
        var profile = "profile-" + Guid.NewGuid().ToString("N")[..8];
        using var metrics = new SchedulerMetrics(profile, () => default);

        metrics.Scheduled(TimeSpan.FromMilliseconds(3), attempts: 2);
        metrics.Attempted(SchedulingResult.Unschedulable, TimeSpan.FromMilliseconds(1));
        metrics.Attempted(SchedulingResult.Unschedulable, TimeSpan.FromMilliseconds(1));
        metrics.Attempted(SchedulingResult.Error, TimeSpan.FromSeconds(20));

        var samples = await ScrapeAsync();
        Assert.Equal(1, Value(samples, "scheduler_schedule_attempts_total", ("result", "scheduled"), ("profile", profile)));
        Assert.Equal(2, Value(samples, "scheduler_schedule_attempts_total", ("result", "unschedulable"), ("profile", profile)));
        Assert.Equal(1, Value(samples, "scheduler_schedule_attempts_total", ("result", "error"), ("profile", profile)));
        Assert.Equal(1, Value(samples, "scheduler_scheduling_attempt_duration_seconds_bucket", ("result", "scheduled"), ("profile", profile), ("le", "0.004")));
        Assert.Equal(0, Value(samples, "scheduler_scheduling_attempt_duration_seconds_bucket", ("result", "error"), ("profile", profile), ("le", "16.384")));
        Assert.Contains(samples, s => s.Name == "scheduler_pod_scheduling_attempts_bucket" && s.Has(("le", "16")));
    }

    [Fact]
    public async Task Pending_pods_add_up_the_queues_of_the_live_schedulers_by_queue()
    {
        using var one = new SchedulerMetrics("one", () => new PendingPods(1, 2, 3, 4));
        var two = new SchedulerMetrics("two", () => new PendingPods(10, 20, 30, 40));

        // Other tests' schedulers may be alive too: at least these two.
        var samples = await ScrapeAsync();
        Assert.True(Value(samples, "scheduler_pending_pods", ("queue", "active")) >= 11);
        Assert.True(Value(samples, "scheduler_pending_pods", ("queue", "backoff")) >= 22);
        Assert.True(Value(samples, "scheduler_pending_pods", ("queue", "unschedulable")) >= 33);
        Assert.True(Value(samples, "scheduler_pending_pods", ("queue", "gated")) >= 44);

        two.Dispose();
        var after = await ScrapeAsync();
        Assert.True(Value(after, "scheduler_pending_pods", ("queue", "gated")) >= 4);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        using var text = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(text);
        return PrometheusText.ParseFamilies(System.Text.Encoding.UTF8.GetString(text.ToArray()), "scheduler_");
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string, string)[] labels) =>
        samples.Single(s => s.Name == name && s.Has(labels)).Value;
}
