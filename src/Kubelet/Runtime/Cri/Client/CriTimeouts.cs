namespace Orchestrator.Kubelet.Runtime.Cri.Client;

/// <summary>The deadline a CRI call gets when its caller set none (upstream's remote_runtime.go rules).</summary>
internal static class CriTimeouts
{
    /// <summary>The timeout for <paramref name="rpcName"/>, or null when the call must run without a deadline.</summary>
    public static TimeSpan? For(string rpcName, object request, CriClientOptions options) => rpcName switch
    {
        // Starting the pause container plus CNI: twice the request timeout, as upstream.
        "RunPodSandbox" => options.RuntimeRequestTimeout * 2,
        "PullImage" => options.ImagePullTimeout == Timeout.InfiniteTimeSpan ? null : options.ImagePullTimeout,

        // The command's own timeout plus the request timeout; a command without timeout may run forever.
        "ExecSync" => request is ExecSyncRequest { Timeout: > 0 } exec
            ? TimeSpan.FromSeconds(exec.Timeout) + options.RuntimeRequestTimeout
            : null,
        _ => options.RuntimeRequestTimeout,
    };
}
