using Orchestrator.Client.Processes;
using Orchestrator.KubeProxy.Backends;

namespace Orchestrator.KubeProxy;

/// <summary>
/// Flushes conntrack entries of UDP flows still pinned to an endpoint that left a Service (upstream
/// conntrack.CleanStaleEntries): without it a client keeps sending to the old endpoint as long as it keeps sending.
/// </summary>
internal static class ConntrackCleaner
{
    /// <summary>One <c>conntrack -D</c> per stale endpoint; "0 flow entries deleted" (exit 1) is not an error.</summary>
    public static async Task<IReadOnlyList<string>> FlushAsync(IEnumerable<StaleUdpEndpoint> stale, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var entry in stale)
        {
            var result = await HostCommand.RunAsync("conntrack",
            [
                "-D", "-p", "udp", "--orig-dst", entry.ServiceIp,
                "--orig-port-dst", entry.ServicePort.ToString(CultureInfo.InvariantCulture), "--dst-nat", entry.EndpointIp,
            ], cancellationToken);
            if (result.ExitCode > 1)
            {
                failures.Add($"{entry}: {result.StandardError.Trim()}");
            }
        }

        return failures;
    }
}
