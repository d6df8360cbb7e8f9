namespace Orchestrator.Kubelet.Images.Local;

/// <summary>What goes into a one-layer image: its reference, layer contents and the runtime config fields.</summary>
public sealed record OciImageSpec(
    string Reference,
    IReadOnlyList<LayerEntry> Layer,
    IReadOnlyList<string> Env,
    IReadOnlyList<string>? Entrypoint = null,
    IReadOnlyList<string>? Cmd = null,
    string WorkingDir = "/");
