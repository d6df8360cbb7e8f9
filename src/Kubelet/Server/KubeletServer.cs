using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Server.Logs;
using Orchestrator.Kubelet.Server.Relay;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// The kubelet's own HTTP server (upstream's port 10250): <c>/healthz</c>, <c>/containerLogs</c>,
/// <c>/exec</c>, <c>/attach</c> and <c>/portForward</c>, backed by an <see cref="IStreamingRuntime"/>.
/// The API server proxies pods/log, pods/exec, pods/attach and pods/portforward here.
/// Plain HTTP/1.1 for now: TLS and authentication of the API server's calls come with the
/// security issue (upstream serves HTTPS and authorizes every request). HTTP/2 is off because
/// SPDY and WebSocket upgrades need HTTP/1.1.
/// </summary>
public sealed class KubeletServer : IAsyncDisposable
{
    private readonly IStreamingRuntime _runtime;
    private readonly KubeletServerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _port;

    public KubeletServer(IStreamingRuntime runtime, KubeletServerOptions? options = null, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _options = options ?? new KubeletServerOptions();
        _options.Validate();
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The bound port (the ephemeral one when <see cref="KubeletServerOptions.Port"/> is 0); valid after <see cref="StartAsync"/>.</summary>
    public int Port => _app is null ? throw new InvalidOperationException("the kubelet server is not started") : _port;

    /// <summary>Binds the port and starts serving; returns once requests are accepted.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("the kubelet server is already started");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.BindAddress, _options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddSingleton(_runtime);
        builder.Services.AddSingleton(_time);
        builder.Services.AddSingleton(services => new ContainerLogReader(_time, _loggers.CreateLogger<ContainerLogReader>(), _options.LogPollInterval, _options.LogRunningCheckInterval));
        builder.Services.AddSingleton(_ => new UpgradeRelay(_loggers.CreateLogger<UpgradeRelay>()));
        builder.Services.AddSingleton<ContainerLogsEndpoint>();
        builder.Services.AddSingleton<StreamingEndpoints>();

        var app = builder.Build();
        app.UseMiddleware<StreamingErrorMiddleware>();
        MapRoutes(app);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>Stops accepting requests and ends the ones in flight (followed logs, relayed streams).</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_app is { } app)
        {
            await app.StopAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            _app = null;
        }
    }

    private static void MapRoutes(WebApplication app)
    {
        string[] getOrPost = [HttpMethods.Get, HttpMethods.Post];
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet(
            "/containerLogs/{namespace}/{pod}/{container}",
            (HttpContext context, string @namespace, string pod, string container, ContainerLogsEndpoint logs) => logs.HandleAsync(context, @namespace, pod, container));
        app.MapMethods(
            "/exec/{namespace}/{pod}/{container}",
            getOrPost,
            (HttpContext context, string @namespace, string pod, string container, StreamingEndpoints streaming) => streaming.ExecAsync(context, @namespace, pod, container));
        app.MapMethods(
            "/attach/{namespace}/{pod}/{container}",
            getOrPost,
            (HttpContext context, string @namespace, string pod, string container, StreamingEndpoints streaming) => streaming.AttachAsync(context, @namespace, pod, container));
        app.MapMethods(
            "/portForward/{namespace}/{pod}",
            getOrPost,
            (HttpContext context, string @namespace, string pod, StreamingEndpoints streaming) => streaming.PortForwardAsync(context, @namespace, pod));
    }
}
