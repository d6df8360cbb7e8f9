using System.Security.Cryptography;

namespace Orchestrator.Host.Commands;

/// <summary>
/// The kubelet's TLS bootstrap: a CertificateSigningRequest for a new P-256 key with subject
/// CN=system:node:&lt;name&gt;, O=system:nodes to the kubernetes.io/kube-apiserver-client-kubelet signer,
/// then the wait for the approver and the signer.
/// </summary>
internal static class NodeCertificateRequest
{
    public const string Signer = "kubernetes.io/kube-apiserver-client-kubelet";

    /// <summary>The issued certificate (PEM) and its key.</summary>
    /// <exception cref="JoinException">Denied, failed, or not issued within <paramref name="timeout"/>.</exception>
    public static async Task<(string CertificatePem, ECDsa Key)> RequestAsync(IKubernetes client, string nodeName, TimeSpan timeout, CancellationToken ct)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = SigningRequests.Create(CertificateAuthority.Subject("system:node:" + nodeName, ["system:nodes"]), key);
        var csr = new V1CertificateSigningRequest
        {
            ApiVersion = "certificates.k8s.io/v1",
            Kind = "CertificateSigningRequest",
            Metadata = new V1ObjectMeta { GenerateName = "node-csr-" },
            Spec = new V1CertificateSigningRequestSpec
            {
                Request = Encoding.ASCII.GetBytes(pem),
                SignerName = Signer,
                Usages = ["digital signature", "client auth"],
            },
        };
        var created = await client.CertificatesV1.CreateCertificateSigningRequestAsync(csr, cancellationToken: ct);
        var name = created.Metadata.Name;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var current = await client.CertificatesV1.ReadCertificateSigningRequestAsync(name, cancellationToken: deadline.Token);
                if (current.Status?.Conditions?.FirstOrDefault(c => c.Type is "Denied" or "Failed") is { } refused)
                {
                    throw new JoinException($"the certificate signing request {name} was {refused.Type.ToLowerInvariant()}: {refused.Reason} {refused.Message}".TrimEnd());
                }

                if (current.Status?.Certificate is { Length: > 0 } certificate)
                {
                    return (Encoding.ASCII.GetString(certificate), key);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            key.Dispose();
            throw new JoinException($"timed out after {timeout.TotalSeconds:0}s waiting for the certificate signing request {name} to be approved and issued " +
                "(the csrapproving and csrsigning controllers issue it when RBAC lets the token's groups create certificatesigningrequests/nodeclient)");
        }
    }
}
