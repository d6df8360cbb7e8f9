using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;

namespace Orchestrator.Store.Etcd;

/// <summary>Creates the one gRPC channel an <see cref="EtcdStore"/> uses for every call and watch.</summary>
internal static class EtcdChannel
{
    public static GrpcChannel Create(IReadOnlyList<Uri> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required", nameof(endpoints));
        }

        var scheme = endpoints[0].Scheme;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Scheme is not ("http" or "https") || endpoint.Scheme != scheme || endpoint.AbsolutePath != "/")
            {
                throw new ArgumentException(
                    $"etcd endpoint \"{endpoint}\" is not supported: use scheme://host:port, all http or all https", nameof(endpoints));
            }
        }

        var addresses = endpoints.Select(e => new BalancerAddress(e.Host, e.Port)).ToArray();
        return GrpcChannel.ForAddress("static:///etcd", new GrpcChannelOptions
        {
            Credentials = scheme == "https" ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
            ServiceProvider = new StaticMembers(new StaticResolverFactory(_ => addresses)),
            // A watch catching up or a large list page can exceed gRPC's 4 MB default; etcd bounds what it sends.
            MaxReceiveMessageSize = null,
            ThrowOperationCanceledOnCancellation = true,
            HttpHandler = new SocketsHttpHandler
            {
                // Every watch holds an HTTP/2 stream open; don't let them queue behind one connection's limit.
                EnableMultipleHttp2Connections = true,
                // Pings notice a dead connection under an idle watch, which otherwise waits forever.
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
            DisposeHttpClient = true,
        });
    }

    /// <summary>
    /// Hands the channel our "static" resolver without pulling in a DI container: resolver factories
    /// are the only service it must find; for everything else it falls back to its defaults.
    /// </summary>
    private sealed class StaticMembers(StaticResolverFactory resolver) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IEnumerable<ResolverFactory>) ? new ResolverFactory[] { resolver } : null;
    }
}
