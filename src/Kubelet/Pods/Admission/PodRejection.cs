namespace Orchestrator.Kubelet.Pods.Admission;

/// <summary>Why a kubelet refuses to run a pod bound to its node: the Event's and the Failed status's reason and message.</summary>
internal sealed record PodRejection(string Reason, string Message);
