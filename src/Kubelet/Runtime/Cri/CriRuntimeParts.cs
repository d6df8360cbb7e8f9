using Orchestrator.Kubelet.Probes;

namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>What a <see cref="CriPodRuntime"/> is built from (<paramref name="RestartBackoff"/>: the crash-loop back-off of its containers).</summary>
internal sealed record CriRuntimeParts(
    CriClient Cri,
    CriRuntimeOptions Options,
    IImageEnsurer Images,
    KeyedBackoff RestartBackoff,
    VolumeManager Volumes,
    IVolumeSources Sources,
    ProbeManager Probes,
    IEventRecorder Events,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>Resolves runtimeClassName to the CRI runtime handler; null: a pod naming a RuntimeClass cannot start.</summary>
    public RuntimeClasses.IRuntimeClasses? RuntimeClasses { get; init; }
}
