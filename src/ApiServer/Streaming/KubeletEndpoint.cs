using Orchestrator.Streaming;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>Where a node's kubelet serves its API: over TLS with <see cref="Tls"/> (a secured API server), plain HTTP without.</summary>
internal sealed record KubeletEndpoint(string Host, int Port)
{
    public KubeletTls? Tls { get; init; }

    /// <summary>"host:port" for a Host header and for dialing; IPv6 literals in brackets.</summary>
    public string Authority => (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The URL of <paramref name="pathAndQuery"/> on this kubelet.</summary>
    public Uri Url(string pathAndQuery) => new($"{(Tls is null ? "http" : "https")}://{Authority}{pathAndQuery}");

    /// <summary>Sends <c>{method} {pathAndQuery}</c> with <paramref name="headers"/> over a fresh connection to the kubelet; see <see cref="UpgradeConnection.OpenAsync(string, int, string, string, string, IEnumerable{KeyValuePair{string, string}}, System.Net.Security.SslClientAuthenticationOptions?, CancellationToken)"/>.</summary>
    public Task<UpgradeConnection> OpenUpgradeAsync(
        string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken) =>
        UpgradeConnection.OpenAsync(Host, Port, Authority, method, pathAndQuery, headers, Tls?.ClientOptions(Host), cancellationToken);
}
