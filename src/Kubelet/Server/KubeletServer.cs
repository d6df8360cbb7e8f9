using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Server.Authorization;
using Orchestrator.Kubelet.Server.Logs;
using Orchestrator.Kubelet.Server.Relay;
using Orchestrator.Kubelet.Stats;
using Prometheus;

namespace Orchestrator.Kubelet.Server;

/// <summary>
/// The kubelet's own HTTP server (upstream's port 10250): <c>/healthz</c>, <c>/metrics</c> (the process's
/// Prometheus registry, authorized as <c>nodes/metrics</c>), <c>/containerLogs</c>,
/// <c>/exec</c>, <c>/attach</c> and <c>/portForward</c>, backed by an <see cref="IStreamingRuntime"/>, and with
/// <see cref="KubeletServerOptions.Stats"/> <c>/stats/summary</c>, <c>/metrics/resource</c> and <c>/metrics/cadvisor</c>.
/// The API server proxies pods/log, pods/exec, pods/attach and pods/portforward here.
/// HTTPS with <see cref="KubeletServerOptions.ServingCertificate"/>, and with
/// <see cref="KubeletServerOptions.ClientCertificateAuthority"/> every request must present a client
/// certificate from that CA (401 otherwise), as upstream's x509 authenticator with anonymous
/// authentication off, and with <see cref="KubeletServerOptions.Authorizer"/> authorized on <c>nodes/NODE/…</c> as
/// upstream's webhook mode. HTTP/2 is off because SPDY and WebSocket upgrades need HTTP/1.1.
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

        // Content root = install directory, as for the API server (ApiServerHost): the default, the working directory, would be
        // watched recursively for appsettings changes, and it usually holds the data directory the node writes into.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // ASP.NET Core's own request logs stay off; our components log through the caller's factory.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.BindAddress, _options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (_options.ServingCertificate is { } certificate)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        // Any certificate is taken in the handshake; ClientCertificateCheck answers 401 for a missing or foreign one.
                        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                        https.AllowAnyClientCertificate();
                        https.HandshakeTimeout = TimeSpan.FromSeconds(10);
                    });
                }
            });
        });
        builder.Services.AddSingleton(_runtime);
        builder.Services.AddSingleton(_time);
        builder.Services.AddSingleton(_ => new ContainerLogReader(_time, _loggers.CreateLogger<ContainerLogReader>(), _options.LogPollInterval, _options.LogRunningCheckInterval));
        builder.Services.AddSingleton(_ => new UpgradeRelay(_loggers.CreateLogger<UpgradeRelay>()));
        builder.Services.AddSingleton<ContainerLogsEndpoint>();
        builder.Services.AddSingleton<StreamingEndpoints>();
        if (_options.Stats is { } stats)
        {
            builder.Services.AddStats(stats, _loggers);
        }

        var app = builder.Build();
        if (_options.ClientCertificateAuthority is { } authority)
        {
            app.UseMiddleware<ClientCertificateCheck>(authority);
        }

        if (_options.Authorizer is { } authorizer)
        {
            app.UseMiddleware<KubeletAuthorization>(authorizer, _loggers.CreateLogger<KubeletAuthorization>());
        }

        app.UseMiddleware<StreamingErrorMiddleware>(_loggers.CreateLogger<StreamingErrorMiddleware>());
        MapRoutes(app);
        if (_options.Stats is not null)
        {
            app.MapStats();
        }
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
        // Plain RequestDelegates reading their route values: a handler with other parameters would go through minimal
        // APIs' RequestDelegateFactory, which compiles an expression tree per endpoint and loads System.Linq.Expressions.
        app.MapGet("/healthz", context => Results.Text("ok").ExecuteAsync(context));
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
            await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet(
            "/containerLogs/{namespace}/{pod}/{container}",
            context => context.RequestServices.GetRequiredService<ContainerLogsEndpoint>().HandleAsync(context, Route(context, "namespace"), Route(context, "pod"), Route(context, "container")));
        app.MapMethods(
            "/exec/{namespace}/{pod}/{container}",
            getOrPost,
            context => context.RequestServices.GetRequiredService<StreamingEndpoints>().ExecAsync(context, Route(context, "namespace"), Route(context, "pod"), Route(context, "container")));
        app.MapMethods(
            "/attach/{namespace}/{pod}/{container}",
            getOrPost,
            context => context.RequestServices.GetRequiredService<StreamingEndpoints>().AttachAsync(context, Route(context, "namespace"), Route(context, "pod"), Route(context, "container")));
        app.MapMethods(
            "/portForward/{namespace}/{pod}",
            getOrPost,
            context => context.RequestServices.GetRequiredService<StreamingEndpoints>().PortForwardAsync(context, Route(context, "namespace"), Route(context, "pod")));
    }

    /// <summary>A route value the pattern always has.</summary>
    private static string Route(HttpContext context, string name) => context.GetRouteValue(name) as string ?? "";
}
