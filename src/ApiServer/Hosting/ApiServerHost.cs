using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orchestrator.ApiServer.Aggregation;
using Orchestrator.ApiServer.ControlPlane;
using Orchestrator.ApiServer.Metrics;
using Orchestrator.ApiServer.Hosting.Connections;

namespace Orchestrator.ApiServer.Hosting;

/// <summary>
/// The API server process part: Kestrel, the routes, and the bootstrap objects. Start it, read
/// <see cref="Address"/>, dispose it to stop. The store is the caller's and outlives the server.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private const int GoMaxHeaderBytes = 1 << 20;

    private readonly WebApplication _app;

    private ApiServerHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where clients reach the server, e.g. https://127.0.0.1:6443 (http:// without <see cref="ApiServerOptions.Security"/>).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving; returns once the port is bound and the bootstrap objects exist.</summary>
    public static async Task<ApiServerHost> StartAsync(IStore store, ApiServerOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The content root is where the host looks for appsettings.json and watches it, recursively, for changes. The working
        // directory (the default) usually holds the data directory (./.orchestrator), so every store write woke that watcher,
        // and started from a home directory it put an inotify watch on every folder below. The server reads no such file.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Errors Kestrel answers by itself get a Status body too (after TLS, so inside the encrypted stream).
            kestrel.Listen(options.BindAddress, options.Port, listen =>
            {
                if (options.Security is { } security)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = security.ServingCertificate;
                        // A client certificate is optional and any is taken here: authentication checks it
                        // against the cluster CA and answers 401 with a Status body, as upstream does.
                        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                        https.AllowAnyClientCertificate();
                        https.HandshakeTimeout = TimeSpan.FromSeconds(10);
                    });
                }

                listen.UseStatusBodiesForKestrelErrors();
            });
            if (options.Security?.InsecurePort is { } insecurePort)
            {
                kestrel.Listen(System.Net.IPAddress.Loopback, insecurePort, listen => listen.UseStatusBodiesForKestrelErrors());
            }

            kestrel.Limits.MaxRequestBodySize = null; // the 3 MiB limit is ours, answered with a Status 413

            // Warning headers quote user text (unknown field names): sent as UTF-8, as Go sends them, not refused.
            kestrel.ResponseHeaderEncodingSelector = _ => System.Text.Encoding.UTF8;

            // Go's net/http allows 1 MiB of request line and headers (DefaultMaxHeaderBytes), so a long
            // URL reaches the API and gets its normal answer instead of Kestrel's 414 or 431.
            kestrel.Limits.MaxRequestLineSize = GoMaxHeaderBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = GoMaxHeaderBytes;
        });
        Metrics.Prometheus.DefaultCollectors.Configure(); // before /metrics is first scraped: no per-request event listeners
        var traced = new Tracing.TracedStore(store); // store spans inside traced requests (docs/operations.md "Traces")
        builder.Services.AddSingleton<IStore>(options.EnableMetrics ? new Metrics.Prometheus.InstrumentedStore(traced) : traced);
        builder.Services.AddSingleton(_ => ResourceRegistry.CreateServed());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAdmission(serviceAccounts: options.Security is not null);
        builder.Services.AddAuthorizers(options.Security);
        builder.Services.AddAuthentication(options.Security);
        builder.Services.AddSingleton(provider => new RegistryRules(TimeProvider.System, Random.Shared, provider.GetRequiredService<AdmissionChain>()));
        builder.Services.AddSingleton<Allocation.ServiceAllocator>();
        builder.Services.AddSingleton<Caching.WatchCacheSet>();
        builder.Services.AddResourceHandlers();
        builder.Services.AddSingleton<Bootstrap>();
        builder.Services.AddSingleton<CustomResources.Controller.CustomResourceController>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<CustomResources.Controller.CustomResourceController>());
        if (options.AuditLogPath is { } auditLogPath)
        {
            builder.Services.AddSingleton(provider => new Audit.AuditLog(auditLogPath, provider.GetRequiredService<ILogger<Audit.AuditLog>>()));
        }

        builder.Services.AddKubernetesEndpoints(options);
        builder.Services.AddSingleton(new Streaming.KubeletTls(options.Security, TimeProvider.System));
        builder.Services.AddSingleton<Streaming.LogProxy>();
        builder.Services.AddSingleton<Streaming.UpgradeProxy>();
        builder.Services.AddSingleton<Streaming.RemoteCommandTranslator>();
        builder.Services.AddSingleton<Streaming.PortForwardTunnel>();
        builder.Services.AddSingleton<Streaming.PodStreamingHandler>();
        builder.Services.AddSingleton<Streaming.NodeProxyHandler>();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<Proxy.ProxyClients>();
        builder.Services.AddSingleton<Proxy.ProxyForwarder>();
        builder.Services.AddSingleton<Proxy.ProxyHandler>();
        builder.Services.AddSingleton<Handlers.ReadOnly.IReadOnlyResourceHandler, Registry.Core.ComponentStatuses.ComponentStatusHandler>();
        builder.Services.AddAggregation(options);
        builder.Services.AddResourceMetrics(options.MetricResolution);

        var app = builder.Build();
        app.UseMiddleware<Connections.ResponseOwnershipMiddleware>();
        app.UseMiddleware<RawPathMiddleware>(); // first: tracing, metrics, audit and authorization all read the path as sent
        app.UseMiddleware<Tracing.RequestTracingMiddleware>(); // names the request's server span, records the code the client got
        if (options.EnableMetrics)
        {
            app.UseMiddleware<Metrics.Prometheus.RequestMetricsMiddleware>(); // outside ErrorMiddleware: counts the code the client got
        }

        app.UseMiddleware<ErrorMiddleware>();
        if (options.AuditLogPath is not null)
        {
            app.UseMiddleware<Audit.AuditMiddleware>();
        }

        if (options.Security is not null)
        {
            app.UseMiddleware<Authentication.AuthenticationMiddleware>();
            app.UseMiddleware<Authentication.Impersonation.ImpersonationMiddleware>();
            app.UseMiddleware<AuthorizationMiddleware>();
        }

        app.UseMiddleware<Aggregation.AggregationMiddleware>(); // after authorization: aggregated group/versions are forwarded
        app.UseRouting(); // after RawPathMiddleware: routes match the path as sent, not Kestrel's dot-resolved one
        app.UseWebSockets(); // exec/attach over v5.channel.k8s.io and port-forward's SPDY tunnel are accepted here
        Metrics.Prometheus.MetricsEndpoint.MapPrometheusMetrics(app);
        app.MapApiRoutes();
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var scheme = options.Security is null ? "http://" : "https://";
        var bound = new Uri(addresses.First(a => a.StartsWith(scheme, StringComparison.Ordinal)));
        if (options.BindAddress.Equals(System.Net.IPAddress.Any))
        {
            // Listening on every address: local clients (and the kubeconfig) use loopback.
            bound = new UriBuilder(bound) { Host = "127.0.0.1" }.Uri;
        }
        await app.Services.GetRequiredService<Bootstrap>().EnsureAsync(bound.Port, cancellationToken);
        await app.Services.StartAggregationAsync(options.Security, cancellationToken);
        if (Authorization.AuthorizationServiceCollectionExtensions.UsesRbac(options.Security))
        {
            await app.Services.GetRequiredService<Authorization.Bootstrap.PolicyReconciler>().ReconcileAsync(cancellationToken);
        }

        await app.Services.GetRequiredService<KubernetesEndpointsReconciler>().ActivateAsync(bound.Port, cancellationToken);

        // Every resource's watch cache starts now, as upstream's do, so a watch from any revision
        // handed out after start-up is inside some cache's window.
        var caches = app.Services.GetRequiredService<Caching.WatchCacheSet>();
        Metrics.Prometheus.StorageObjectsGauge.Track(caches);
        await Task.WhenAll(ResourceRegistry.BuiltIn.All.Where(r => r.Stored).Select(r => caches.For(r).WaitReadyAsync(cancellationToken)));

        // The custom resources of the CRDs stored before this start are served before the server reports ready.
        await app.Services.GetRequiredService<CustomResources.Controller.CustomResourceController>().WaitSyncedAsync(cancellationToken);
        return new ApiServerHost(app, bound);
    }

    /// <summary>Completes when the server stops (Ctrl+C, SIGTERM or dispose).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Cancelled as soon as the host begins to shut down (SIGTERM, Ctrl-C), before open watches are drained.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public async ValueTask DisposeAsync()
    {
        Metrics.Prometheus.StorageObjectsGauge.Untrack(_app.Services.GetRequiredService<Caching.WatchCacheSet>());
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
