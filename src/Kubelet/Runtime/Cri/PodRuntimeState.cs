namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Everything the runtime holds for one pod: its sandboxes and containers, newest first (the
/// kubelet's kubecontainer.PodStatus).
/// </summary>
public sealed record PodRuntimeState(IReadOnlyList<SandboxRecord> Sandboxes, IReadOnlyList<ContainerRecord> Containers)
{
    public static PodRuntimeState Empty { get; } = new([], []);

    /// <summary>The newest container of that name (the one the status reports), or null.</summary>
    public ContainerRecord? Latest(string name) => Containers.FirstOrDefault(c => c.Name == name);

    /// <summary>The container of that name before the newest (the status's lastState), or null.</summary>
    public ContainerRecord? Previous(string name) => Containers.Where(c => c.Name == name).Skip(1).FirstOrDefault();
}
