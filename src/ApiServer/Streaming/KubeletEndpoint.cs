using System.Globalization;
using Orchestrator.Streaming;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>Where a node's kubelet serves its HTTP API (plain HTTP, as the kubelets of this project do).</summary>
internal sealed record KubeletEndpoint(string Host, int Port)
{
    /// <summary>"host:port" for a Host header and for dialing; IPv6 literals in brackets.</summary>
    public string Authority => (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends <c>{method} {pathAndQuery}</c> with <paramref name="headers"/> over a fresh connection to the kubelet; see <see cref="UpgradeConnection.OpenAsync"/>.</summary>
    public Task<UpgradeConnection> OpenUpgradeAsync(
        string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken) =>
        UpgradeConnection.OpenAsync(Host, Port, Authority, method, pathAndQuery, headers, cancellationToken);
}
