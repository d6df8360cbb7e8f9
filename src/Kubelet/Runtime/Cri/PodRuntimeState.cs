namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Everything the runtime holds for one pod: its sandboxes and containers, newest first (the
/// kubelet's kubecontainer.PodStatus). A sync reads it once and folds in the records of what it
/// changed itself (<see cref="With(ContainerRecord)"/>, <see cref="With(SandboxRecord)"/>).
/// </summary>
internal sealed record PodRuntimeState(IReadOnlyList<SandboxRecord> Sandboxes, IReadOnlyList<ContainerRecord> Containers)
{
    public static PodRuntimeState Empty { get; } = new([], []);

    /// <summary>The newest container of that name (the one the status reports), or null.</summary>
    public ContainerRecord? Latest(string name) => Containers.FirstOrDefault(c => c.Name == name);

    /// <summary>The container of that name before the newest (the status's lastState), or null.</summary>
    public ContainerRecord? Previous(string name) => Containers.Where(c => c.Name == name).Skip(1).FirstOrDefault();

    /// <summary>This state with <paramref name="container"/> added, or replacing the record of the same id.</summary>
    public PodRuntimeState With(ContainerRecord container) => this with
    {
        Containers = Containers.Where(c => c.Id != container.Id).Append(container)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.RestartCount).ToList(),
    };

    /// <summary>This state with <paramref name="sandbox"/> added, or replacing the record of the same id.</summary>
    public PodRuntimeState With(SandboxRecord sandbox) => this with
    {
        Sandboxes = Sandboxes.Where(s => s.Id != sandbox.Id).Append(sandbox).OrderByDescending(s => s.CreatedAt).ToList(),
    };
}
