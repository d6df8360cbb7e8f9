namespace Orchestrator.Kubelet.Volumes;

/// <summary>What a path is, as hostPath type checks need to know.</summary>
internal enum FileKind
{
    Missing,
    Directory,
    File,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}
