namespace Orchestrator.Kubelet.Pods.Dns;

/// <summary>The resolv.conf of a pod: nameservers, search domains and options, in order.</summary>
internal sealed record PodDnsSettings(IReadOnlyList<string> Servers, IReadOnlyList<string> Searches, IReadOnlyList<string> Options);
