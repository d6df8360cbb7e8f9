namespace Orchestrator.Kubelet.Node;

/// <summary>What the node status takes from the container runtime: its version string and its conditions.</summary>
internal static class CriNodeFacts
{
    /// <summary><c>status.nodeInfo.containerRuntimeVersion</c>: <c>&lt;runtimeName&gt;://&lt;runtimeVersion&gt;</c>, e.g. <c>containerd://1.6.20~ds1</c>.</summary>
    public static async Task<string> RuntimeVersionAsync(CriClient cri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cri);
        var version = await cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" }, cancellationToken: cancellationToken);
        return $"{version.RuntimeName}://{version.RuntimeVersion}";
    }

    /// <summary>The runtime's conditions from CRI Status; null when the runtime does not answer (Ready is then False).</summary>
    public static async Task<IReadOnlyList<RuntimeCondition>?> ConditionsAsync(CriClient cri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cri);
        try
        {
            var status = await cri.Runtime.StatusAsync(new StatusRequest(), cancellationToken: cancellationToken);
            return status.Status?.Conditions.Select(c => new RuntimeCondition(c.Type, c.Status, c.Reason, c.Message)).ToList();
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
