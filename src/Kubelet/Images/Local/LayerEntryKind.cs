namespace Orchestrator.Kubelet.Images;

public enum LayerEntryKind
{
    Directory,
    File,
    Symlink,
}
