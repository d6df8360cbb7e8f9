namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// One CRI container of a pod (any state), as the runtime reports it. <see cref="RestartCount"/>
/// is the count the kubelet stamped on it when it created it; <see cref="Hash"/> the hash of the
/// container spec it was created from.
/// </summary>
internal sealed record ContainerRecord(
    string Id,
    string Name,
    string SandboxId,
    CriContainerState State,
    DateTime CreatedAt,
    int RestartCount,
    string Hash)
{
    public DateTime? StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public int ExitCode { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public string? ImageRef { get; init; }

    public string? LogPath { get; init; }
}
