using System.Diagnostics.Tracing;
using Orchestrator.Testing;

namespace Orchestrator.ApiServer.Tests.Metrics.Prometheus;

/// <summary>
/// A scrape keeps the process metrics but starts no listener on the HTTP stack's event sources, which would
/// make every later request raise events into the process (issue 11: the create path's cost after a scrape).
/// </summary>
public sealed class DefaultCollectorsTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private static readonly string[] HttpEventSources = ["Microsoft.AspNetCore.Hosting", "Microsoft-AspNetCore-Server-Kestrel", "System.Net.Http", "System.Net.Sockets"];

    [Fact]
    public async Task A_scrape_keeps_process_metrics_and_leaves_the_http_event_sources_off()
    {
        var text = await api.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        (await api.Http.GetAsync(new Uri("/version", UriKind.Relative))).Dispose(); // every source of the request path exists now

        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);
        var enabled = EventSource.GetSources().Where(source => HttpEventSources.Contains(source.Name) && source.IsEnabled()).Select(source => source.Name);
        Assert.Empty(enabled);
    }
}
