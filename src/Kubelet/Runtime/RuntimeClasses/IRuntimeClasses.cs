namespace Orchestrator.Kubelet.Runtime.RuntimeClasses;

/// <summary>
/// Resolves a pod's spec.runtimeClassName to the CRI runtime handler (upstream's pkg/kubelet/runtimeclass Manager,
/// LookupRuntimeHandler). Called once per sandbox creation; thread-safe.
/// </summary>
internal interface IRuntimeClasses
{
    /// <summary>
    /// The handler of RuntimeClass <paramref name="name"/>; the empty string for no name (the runtime's default).
    /// Throws <see cref="RuntimeClassLookupException"/> when the class does not exist or cannot be read.
    /// </summary>
    Task<string> HandlerAsync(string? name, CancellationToken ct);
}
