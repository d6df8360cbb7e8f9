namespace Orchestrator.Kubelet.Runtime.Cri.Client;

/// <summary>
/// The <c>operation_type</c> label of each CRI RPC: upstream kubelet's names
/// (pkg/kubelet/kuberuntime/instrumented_services.go), which are not a mechanical snake_case.
/// </summary>
internal static class CriOperations
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Version"] = "version",
        ["Status"] = "status",
        ["RunPodSandbox"] = "run_podsandbox",
        ["StopPodSandbox"] = "stop_podsandbox",
        ["RemovePodSandbox"] = "remove_podsandbox",
        ["PodSandboxStatus"] = "podsandbox_status",
        ["ListPodSandbox"] = "list_podsandbox",
        ["CreateContainer"] = "create_container",
        ["StartContainer"] = "start_container",
        ["StopContainer"] = "stop_container",
        ["RemoveContainer"] = "remove_container",
        ["ListContainers"] = "list_containers",
        ["ContainerStatus"] = "container_status",
        ["UpdateContainerResources"] = "update_container",
        ["ReopenContainerLog"] = "reopen_container_log",
        ["ExecSync"] = "exec_sync",
        ["Exec"] = "exec",
        ["Attach"] = "attach",
        ["PortForward"] = "port_forward",
        ["ContainerStats"] = "container_stats",
        ["ListContainerStats"] = "list_container_stats",
        ["ListImages"] = "list_images",
        ["ImageStatus"] = "image_status",
        ["PullImage"] = "pull_image",
        ["RemoveImage"] = "remove_image",
        ["ImageFsInfo"] = "image_fs_info",
    };

    /// <summary>The label of an RPC; an RPC missing from the table fails loudly rather than being mislabelled.</summary>
    public static string For(string rpcName) =>
        Names.TryGetValue(rpcName, out var name)
            ? name
            : throw new InvalidOperationException($"CRI RPC '{rpcName}' has no operation_type label; add it to {nameof(CriOperations)}.");
}
