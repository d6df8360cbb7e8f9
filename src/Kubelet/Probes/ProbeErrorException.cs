namespace Orchestrator.Kubelet.Probes;

/// <summary>A probe could not be run (upstream's probe.Unknown with an error): the result is left unchanged.</summary>
internal sealed class ProbeErrorException(string message, Exception? inner = null) : Exception(message, inner);
