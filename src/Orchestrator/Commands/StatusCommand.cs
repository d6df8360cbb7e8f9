using Orchestrator.Host.Status;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `orchestrator status`: the cluster at a glance (<see cref="StatusReport"/>). Exit 0 healthy; 1 the API server cannot
/// be reached; 3 it answers but something is unhealthy (named on the last line).
/// </summary>
internal static class StatusCommand
{
    public const int Unreachable = 1;
    public const int Unhealthy = 3;

    public static async Task<int> RunAsync(string? kubeconfig, TextWriter output, TextWriter error)
    {
        using var client = AdminKubeconfig.Client(kubeconfig);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        ClusterStatus status;
        try
        {
            status = await StatusCollector.CollectAsync(client, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            await error.WriteLineAsync($"error: the API server at {client.BaseUri.GetLeftPart(UriPartial.Authority)} is unreachable: {(e is OperationCanceledException ? "no answer within 15s" : e.Message)}");
            return Unreachable;
        }

        await output.WriteAsync(StatusReport.Format(status));
        return StatusReport.Problems(status).Count == 0 ? 0 : Unhealthy;
    }
}
