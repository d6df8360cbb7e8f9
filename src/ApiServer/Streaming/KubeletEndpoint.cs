using System.Globalization;

namespace Orchestrator.ApiServer.Streaming;

/// <summary>Where a node's kubelet serves its HTTP API (plain HTTP, as the kubelets of this project do).</summary>
internal sealed record KubeletEndpoint(string Host, int Port)
{
    /// <summary>"host:port" for a Host header and for dialing; IPv6 literals in brackets.</summary>
    public string Authority => (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
