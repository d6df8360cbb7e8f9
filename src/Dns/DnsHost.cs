using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.ApiMachinery.Dns;
using Orchestrator.Client;
using Orchestrator.Dns.Hosting;
using Orchestrator.Dns.Records;
using Orchestrator.Dns.Server;

namespace Orchestrator.Dns;

/// <summary>
/// A node's cluster DNS (NodeLocal DNS style: every node answers): informers on Services and
/// EndpointSlices feed the zone, rebuilt once per burst of changes; the server answers on UDP and TCP;
/// the node's EndpointSlice of kube-system/kube-dns is published so the proxy sends the node's pods to
/// it. The kube-dns Service is the control plane's (<see cref="KubeDnsService"/>): the server reads it only.
/// </summary>
public static partial class DnsHost
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs until <paramref name="ct"/> is cancelled; then removes the node's EndpointSlice.</summary>
    public static Task RunAsync(IKubernetes client, DnsOptions options, ILoggerFactory loggers, CancellationToken ct) =>
        RunAsync(client, options, loggers, null, ct);

    /// <summary>As <see cref="RunAsync(IKubernetes, DnsOptions, ILoggerFactory, CancellationToken)"/>; <paramref name="ready"/> gets the endpoint served once answering (or the start-up error).</summary>
    public static async Task RunAsync(IKubernetes client, DnsOptions options, ILoggerFactory loggers, TaskCompletionSource<IPEndPoint>? ready, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        try
        {
            await ServeAsync(client, options, loggers, ready, ct);
        }
        catch (Exception e)
        {
            ready?.TrySetException(e);
            throw;
        }
        finally
        {
            ready?.TrySetCanceled(ct);
        }
    }

    private static async Task ServeAsync(IKubernetes client, DnsOptions options, ILoggerFactory loggers, TaskCompletionSource<IPEndPoint>? ready, CancellationToken ct)
    {
        options.Validate();
        var logger = loggers.CreateLogger("Orchestrator.Dns");
        var zone = options.Domain.Trim('.').ToLowerInvariant();
        var ttl = (uint)options.Ttl.TotalSeconds;
        await using var informers = new InformerFactory(client, loggers);
        var services = informers.Services();
        var slices = informers.EndpointSlices();
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        services.AddHandler(ResourceEventHandler<V1Service>.ForEach(_ => changes.Writer.TryWrite(true)));
        slices.AddHandler(ResourceEventHandler<V1EndpointSlice>.ForEach(_ => changes.Writer.TryWrite(true)));
        await informers.StartAsync(ct);
        await informers.WaitForSyncAsync(ct);

        var serial = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        DnsRecords Build() => new(zone, ttl, serial++, ServiceRecords.Compute(zone, services.Cache.List(), slices.Cache.List()));
        var responder = new DnsResponder(Build());
        var listen = new IPEndPoint(options.ListenAddress, options.Port);
        var own = new[] { options.NodeIp, options.ServiceIp }.Where(ip => ip is not null).Select(ip => IPAddress.Parse(ip!));
        var upstreams = options.Upstreams ?? [.. ResolvConf.Read(options.ResolvConf).Nameservers
            .Select(s => IPAddress.TryParse(s, out var ip) ? new IPEndPoint(ip, 53) : null).OfType<IPEndPoint>()];
        var forwarder = new UpstreamForwarder(UpstreamForwarder.WithoutSelf(upstreams, listen, own), options.UpstreamTimeout);
        await using var server = new DnsServer(responder, forwarder, loggers.CreateLogger<DnsServer>());
        server.Start(listen, options.UdpReceivers);
        var publisher = new KubeDnsPublisher(client, options.NodeName, options.NodeIp, server.LocalEndPoint!.Port, logger);
        try
        {
            await PublishAsync(publisher, logger, ct);
            ready?.TrySetResult(server.LocalEndPoint);
            await foreach (var _ in changes.Reader.ReadAllAsync(ct))
            {
                var records = Build();
                responder.Update(records);
                LogRebuilt(logger, records.Count);
                if (publisher.SliceName is { } name && slices.Cache.Get(new NamespacedName(KubeDnsObjects.Namespace, name)) is null)
                {
                    await PublishAsync(publisher, logger, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            using var stop = new CancellationTokenSource(StopTimeout);
            try
            {
                await publisher.DeleteSliceAsync(stop.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogUnpublishFailed(logger, e);
            }
        }
    }

    /// <summary>A failed publication is logged, not fatal: the server answers anyway and the next change retries.</summary>
    private static async Task PublishAsync(KubeDnsPublisher publisher, ILogger logger, CancellationToken ct)
    {
        try
        {
            await publisher.EnsureSliceAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPublishFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "DNS zone rebuilt: {Records} records")]
    private static partial void LogRebuilt(ILogger logger, int records);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the node's kube-dns EndpointSlice failed; retried on the next change")]
    private static partial void LogPublishFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing the node's kube-dns EndpointSlice failed")]
    private static partial void LogUnpublishFailed(ILogger logger, Exception e);
}
