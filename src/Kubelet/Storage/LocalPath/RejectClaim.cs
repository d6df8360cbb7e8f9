namespace Orchestrator.Kubelet.Storage.LocalPath;

/// <summary>A claim this provisioner is asked to serve but cannot: <paramref name="Message"/> goes into a ProvisioningFailed event.</summary>
internal sealed record RejectClaim(V1PersistentVolumeClaim Claim, string Message);
