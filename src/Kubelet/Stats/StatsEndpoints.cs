using Orchestrator.Kubelet.Stats.Metrics;

namespace Orchestrator.Kubelet.Stats;

/// <summary>
/// The kubelet's stats endpoints: <c>/stats/summary</c> (JSON; <c>only_cpu_and_memory=true</c> drops the
/// filesystems as upstream does), <c>/metrics/resource</c> and <c>/metrics/cadvisor</c> (Prometheus text).
/// </summary>
internal sealed partial class StatsEndpoints(IStatsProvider stats, ILogger<StatsEndpoints> logger)
{
    public async Task SummaryAsync(HttpContext context)
    {
        var summary = await stats.GetSummaryAsync(context.RequestAborted);
        if (string.Equals(context.Request.Query["only_cpu_and_memory"], "true", StringComparison.OrdinalIgnoreCase))
        {
            summary = CpuAndMemoryOnly(summary);
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, summary, SummaryJson.Options, context.RequestAborted);
    }

    public async Task ResourceMetricsAsync(HttpContext context)
    {
        StatsSummary? summary;
        try
        {
            summary = await stats.GetSummaryAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Upstream answers the scrape with resource_scrape_error 1 rather than failing it.
            LogScrapeFailed(e);
            summary = null;
        }

        await WriteAsync(context, ResourceMetrics.Families(summary));
    }

    public async Task CadvisorMetricsAsync(HttpContext context) =>
        await WriteAsync(context, CadvisorMetrics.Families(await stats.GetSummaryAsync(context.RequestAborted), stats.MachineMemoryBytes));

    private static async Task WriteAsync(HttpContext context, IReadOnlyList<MetricFamily> families)
    {
        context.Response.ContentType = PrometheusText.ContentType;
        await context.Response.WriteAsync(PrometheusText.Write(families), context.RequestAborted);
    }

    private static StatsSummary CpuAndMemoryOnly(StatsSummary summary) => new(
        summary.Node with { Fs = null, Runtime = null },
        summary.Pods.Select(p => p with
        {
            EphemeralStorage = null,
            Containers = p.Containers.Select(c => c with { Rootfs = null, Logs = null }).ToList(),
        }).ToList());

    [LoggerMessage(Level = LogLevel.Error, Message = "Error getting summary for resourceMetric prometheus endpoint")]
    private partial void LogScrapeFailed(Exception exception);
}
