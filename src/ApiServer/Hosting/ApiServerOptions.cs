using System.Net;

namespace Orchestrator.ApiServer.Hosting;

/// <summary>Settings of the API server.</summary>
public sealed record ApiServerOptions
{
    /// <summary>Address to listen on; loopback by default (plain HTTP until TLS arrives).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Port to listen on; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 6443;
}
