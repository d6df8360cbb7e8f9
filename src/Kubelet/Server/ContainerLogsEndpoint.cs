using Microsoft.Extensions.Hosting;
using Orchestrator.Kubelet.Server.Logs;

namespace Orchestrator.Kubelet.Server;

/// <summary><c>GET /containerLogs/{namespace}/{pod}/{container}</c>: the container's CRI log as plain text, streamed.</summary>
internal sealed class ContainerLogsEndpoint(IStreamingRuntime runtime, ContainerLogReader reader, TimeProvider time, IHostApplicationLifetime lifetime)
{
    public async Task HandleAsync(HttpContext context, string ns, string pod, string container)
    {
        // A followed log ends when the client goes away or the server stops.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var (options, previous) = LogQuery.Parse(context.Request.Query, time.GetUtcNow());
        var location = await runtime.GetContainerLogAsync(ns, pod, container, previous, ct);
        if (!location.Running)
        {
            // Nothing more will be written: read to the end and stop, as upstream does.
            options = options with { Follow = false };
        }

        if (!File.Exists(location.Path))
        {
            throw StreamingRuntimeException.NotFound($"the log file of container \"{container}\" in pod \"{pod}\" does not exist: {location.Path}");
        }

        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(ct);
        try
        {
            await reader.ReadAsync(location.Path, options, context.Response.Body, token => runtime.IsContainerRunningAsync(location.ContainerId, token), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away while following.
        }
    }
}
