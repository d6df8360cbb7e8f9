using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.ApiServer.Tests.Metrics.Serving;

/// <summary>
/// A kubelet's <c>/metrics/resource</c> on 127.0.0.1: the node burns <see cref="NodeCores"/> and container app of pod
/// web <see cref="WebCores"/> (counters that grow with the wall clock), with fixed working sets; answers 500 when
/// <see cref="Failing"/>.
/// </summary>
internal sealed class TestKubelet : IAsyncDisposable
{
    public const double NodeCores = 0.5;
    public const double WebCores = 0.25;
    public const long NodeMemory = 2L << 30;
    public const long WebMemory = 10L << 20;

    private readonly WebApplication _app;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;

    private TestKubelet(WebApplication app, int port, bool failing)
    {
        _app = app;
        Port = port;
        Failing = failing;
    }

    public int Port { get; }

    public bool Failing { get; }

    public int Scrapes { get; private set; }

    public static async Task<TestKubelet> StartAsync(string podNamespace, bool failing = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        TestKubelet? kubelet = null;
        app.MapGet("/metrics/resource", (HttpContext context) => kubelet!.AnswerAsync(context, podNamespace));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        kubelet = new TestKubelet(app, address.Port, failing);
        return kubelet;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, string podNamespace)
    {
        Scrapes++;
        if (Failing)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("boom");
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var ms = now.ToUnixTimeMilliseconds();
        var elapsed = (ms - _start.ToUnixTimeMilliseconds()) / 1000.0;
        var started = (_start.ToUnixTimeMilliseconds() / 1000) - 3600;
        var text = new StringBuilder()
            .AppendLine("# TYPE container_cpu_usage_seconds_total counter")
            .AppendLine(Sample("container_cpu_usage_seconds_total", $"container=\"app\",namespace=\"{podNamespace}\",pod=\"web\"", 1 + (WebCores * elapsed), ms))
            .AppendLine(Sample("container_memory_working_set_bytes", $"container=\"app\",namespace=\"{podNamespace}\",pod=\"web\"", WebMemory, ms))
            .AppendLine(Sample("container_start_time_seconds", $"container=\"app\",namespace=\"{podNamespace}\",pod=\"web\"", started, started * 1000))
            .AppendLine(Sample("node_cpu_usage_seconds_total", null, 100 + (NodeCores * elapsed), ms))
            .AppendLine(Sample("node_memory_working_set_bytes", null, NodeMemory, ms))
            .AppendLine("resource_scrape_error 0");
        context.Response.ContentType = "text/plain; version=0.0.4";
        await context.Response.WriteAsync(text.ToString());
    }

    private static string Sample(string name, string? labels, double value, long ms) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}{(labels is null ? "" : "{" + labels + "}")} {value:R} {ms}");
}
