namespace Orchestrator.Kubelet.Images.Local;

public enum LayerEntryKind
{
    Directory,
    File,
    Symlink,
}
