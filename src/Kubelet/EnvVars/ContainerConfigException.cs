namespace Orchestrator.Kubelet.EnvVars;

/// <summary>
/// A container's configuration cannot be resolved (a missing configMap, secret or key; an
/// unsupported field): the kubelet shows the message as the container's Waiting reason
/// CreateContainerConfigError and retries on the next sync. Messages are upstream's.
/// </summary>
internal sealed class ContainerConfigException(string message, Exception? inner = null) : Exception(message, inner);
