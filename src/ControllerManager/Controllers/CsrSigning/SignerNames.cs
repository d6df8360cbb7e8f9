namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>The signers this controller manager issues for (upstream's well-known kubernetes.io signers).</summary>
internal static class SignerNames
{
    public const string KubeletClient = "kubernetes.io/kube-apiserver-client-kubelet";
    public const string ApiServerClient = "kubernetes.io/kube-apiserver-client";
}
