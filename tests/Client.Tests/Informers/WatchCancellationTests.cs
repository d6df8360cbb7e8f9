using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestrator.Client;
using Orchestrator.Client.Connection;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Informers;

/// <summary>
/// A watch through a client of <see cref="KubernetesClients.Create(KubernetesClientConfiguration)"/> ends as soon as its
/// caller cancels, also once the response head has arrived (an API server flushes it when the watch starts, as
/// kube-apiserver does): the enumeration stops and the server sees the request aborted (HTTP/2: the stream reset),
/// whether an event came yet or not.
/// </summary>
public sealed class WatchCancellationTests : IAsyncLifetime
{
    // "At once" against what it guards: a cancelled watch that stays open until the server's watch timeout (minutes). A
    // second was too tight once on a loaded CI machine (the server saw the abort later); five still tells the two apart.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpsTestServer _server = null!;
    private int _events;

    public async Task InitializeAsync() =>
        _server = await HttpsTestServer.StartAsync("watch-test-ca", ["localhost"], [IPAddress.Loopback], app => app.MapGet("/api/v1/namespaces/ns/configmaps", WatchAsync));

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Cancelling_a_watch_whose_head_arrived_ends_it_at_once(int events)
    {
        _events = events;
        using var client = KubernetesClients.Create(new KubernetesClientConfiguration
        {
            Host = $"https://localhost:{_server.Port}",
            SslCaCerts = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(_server.Ca.Certificate.RawData)],
        });
        using var cts = new CancellationTokenSource();
        var received = 0;
        var watch = Task.Run(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("ns", cancellationToken: cts.Token))
            {
                Interlocked.Increment(ref received);
            }
        });
        await _started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => Volatile.Read(ref received) == events, $"{events} event(s) read");

        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.WaitAsync(Prompt));
        await _aborted.Task.WaitAsync(Prompt - clock.Elapsed);
    }

    /// <summary>Answers a watch's head at once, then <see cref="_events"/> events, then waits for the client to go.</summary>
    private async Task WatchAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
        for (var i = 0; i < _events; i++)
        {
            var line = """{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"NAME","namespace":"ns","resourceVersion":"1"}}}""";
            await context.Response.WriteAsync(line.Replace("NAME", "m" + i, StringComparison.Ordinal) + "\n");
            await context.Response.Body.FlushAsync();
        }

        _started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            _aborted.TrySetResult();
        }
    }
}
