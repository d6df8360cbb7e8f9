using System.Diagnostics;
using OpenTelemetry;
using Orchestrator.Client.Tracing;

namespace Orchestrator.Client.Tests.Tracing;

public sealed class ExportBatchingTests
{
    [Fact]
    public void Without_the_environment_batches_are_2048_spans_from_a_queue_of_8192()
    {
        var options = new BatchExportProcessorOptions<Activity>();

        ExportBatching.Apply(options, _ => null);

        Assert.Equal((2048, 8192), (options.MaxExportBatchSize, options.MaxQueueSize));
    }

    [Fact]
    public void The_standard_variables_keep_what_the_sdk_read_from_them()
    {
        var options = new BatchExportProcessorOptions<Activity> { MaxExportBatchSize = 100, MaxQueueSize = 400 };
        var environment = new Dictionary<string, string> { [ExportBatching.BatchSizeVariable] = "100", [ExportBatching.QueueSizeVariable] = "400" };

        ExportBatching.Apply(options, environment.GetValueOrDefault);

        Assert.Equal((100, 400), (options.MaxExportBatchSize, options.MaxQueueSize));
    }

    [Fact]
    public void A_smaller_queue_from_the_environment_bounds_the_batch()
    {
        var options = new BatchExportProcessorOptions<Activity> { MaxQueueSize = 1000 };

        ExportBatching.Apply(options, new Dictionary<string, string> { [ExportBatching.QueueSizeVariable] = "1000" }.GetValueOrDefault);

        Assert.Equal((1000, 1000), (options.MaxExportBatchSize, options.MaxQueueSize));
    }

    [Fact]
    public void A_batch_size_from_the_environment_gets_our_queue()
    {
        var options = new BatchExportProcessorOptions<Activity> { MaxExportBatchSize = 4096 };

        ExportBatching.Apply(options, new Dictionary<string, string> { [ExportBatching.BatchSizeVariable] = "4096" }.GetValueOrDefault);

        Assert.Equal((4096, 8192), (options.MaxExportBatchSize, options.MaxQueueSize));
    }
}
