namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// A pod's sandbox cannot be configured (upstream's generatePodSandboxConfig returned an error: a RuntimeClass
/// that does not exist, HostProcess rules on Windows): the kubelet records FailedCreatePodSandBox with the message
/// and retries on a later sync. Messages are upstream's.
/// </summary>
internal sealed class SandboxConfigException(string message, Exception? inner = null) : Exception(message, inner);
