namespace Orchestrator.Kubelet.Runtime.RuntimeClasses;

/// <summary>A pod's RuntimeClass cannot be resolved; the message is upstream's (e.g. runtimeclass.node.k8s.io "x" not found).</summary>
internal sealed class RuntimeClassLookupException(string message, Exception? inner = null) : Exception(message, inner);
