using Microsoft.Extensions.Time.Testing;
using Orchestrator.Client;
using Orchestrator.Testing;
using Prometheus;

namespace Orchestrator.Client.Tests.Queue;

public sealed class WorkQueueMetricsTests
{
    [Fact]
    public async Task ANamedQueue_ReportsClientGosWorkqueueFamilies()
    {
        var time = new FakeTimeProvider();
        var name = "test-" + Guid.NewGuid().ToString("N");
        using var queue = new WorkQueue<string>(time, name: name);
        queue.Add("a");
        queue.Add("a"); // already waiting: not another add
        queue.Add("b");
        time.Advance(TimeSpan.FromSeconds(2));
        var key = await WorkQueueTests.GetKeyAsync(queue);
        queue.Add(key); // re-added while processing: one add, queued once Done
        time.Advance(TimeSpan.FromSeconds(3));

        var during = await ScrapeAsync(name);
        Assert.Equal(3, Value(during, "workqueue_adds_total"));
        Assert.Equal(2, Value(during, "workqueue_depth"));
        Assert.Equal(3, Value(during, "workqueue_unfinished_work_seconds"));
        Assert.Equal(3, Value(during, "workqueue_longest_running_processor_seconds"));
        Assert.Equal(1, Value(during, "workqueue_queue_duration_seconds_count"));
        Assert.Equal(2, Value(during, "workqueue_queue_duration_seconds_sum"));

        queue.Done(key);
        queue.AddAfter("c", TimeSpan.FromSeconds(1));
        queue.AddRateLimited("d");
        var after = await ScrapeAsync(name);
        Assert.Equal(1, Value(after, "workqueue_work_duration_seconds_count"));
        Assert.Equal(3, Value(after, "workqueue_work_duration_seconds_sum"));
        Assert.Equal(2, Value(after, "workqueue_retries_total"));
        Assert.Equal(0, Value(after, "workqueue_unfinished_work_seconds"));
        Assert.Equal(2, Value(after, "workqueue_depth")); // b, and a again
        var buckets = after.Where(s => s.Name == "workqueue_work_duration_seconds_bucket").Select(s => s.Labels["le"]).ToList();
        Assert.Equal(11, buckets.Count); // client-go: ExponentialBuckets(10e-9, 10, 10) and +Inf
        Assert.Equal(1e-8, double.Parse(buckets[0], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(10, double.Parse(buckets[9], System.Globalization.CultureInfo.InvariantCulture), 9);
    }

    private static double Value(IReadOnlyList<PrometheusSample> samples, string series) => samples.Single(s => s.Name == series).Value;

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(string name) =>
        PrometheusText.ParseFamilies(await ExportAsync(), "workqueue_").Where(s => s.Has(("name", name))).ToList();

    private static async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
