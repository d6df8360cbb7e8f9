using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Client.Connection;

namespace Orchestrator.Testing;

/// <summary>
/// A throw-away cluster CA for tests of a secured API server: the <see cref="ApiServerSecurity"/>
/// to start one with, and official clients that authenticate with a client certificate of any
/// user and groups.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly CertificateAuthority _ca = CertificateAuthority.Create("orchestrator-test-ca");
    private readonly ECDsa _serviceAccountKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public X509Certificate2 Ca => _ca.Certificate;

    public CertificateAuthority Authority => _ca;

    /// <summary>Security for a loopback test server; <paramref name="authorizationModes"/> as upstream's --authorization-mode.</summary>
    public ApiServerSecurity Security(params string[] authorizationModes) => new()
    {
        ServingCertificate = _ca.IssueServing("kube-apiserver", ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"], [IPAddress.Loopback, IPAddress.Parse("10.96.0.1")]),
        ClientCertificateAuthority = WithoutKey(_ca.Certificate),
        ServiceAccountSigningKey = _serviceAccountKey,
        KubeletClientCertificate = _ca.IssueClient("kube-apiserver-kubelet-client", ["kubeadm:cluster-admins"]),
        AuthorizationModes = authorizationModes.Length == 0 ? ["RBAC"] : authorizationModes,
    };

    /// <summary>A client of the official library at <paramref name="server"/> as <paramref name="user"/> in <paramref name="groups"/> (client certificate).</summary>
    public IKubernetes Client(Uri server, string user, params string[] groups)
    {
        using var certificate = _ca.IssueClient(user, groups);
        return KubernetesClients.Create(new KubernetesClientConfiguration
        {
            Host = server.ToString(),
            SslCaCerts = [WithoutKey(_ca.Certificate)],
            ClientCertificateData = Pem.Base64(Pem.Certificate(certificate)),
            ClientCertificateKeyData = Pem.Base64(Pem.PrivateKey(certificate)),
        });
    }

    /// <summary>A client that presents only a bearer token (service-account and bootstrap tokens).</summary>
    public IKubernetes TokenClient(Uri server, string token) => KubernetesClients.Create(new KubernetesClientConfiguration
    {
        Host = server.ToString(),
        SslCaCerts = [WithoutKey(_ca.Certificate)],
        AccessToken = token,
    });

    /// <summary>An administrator's client (system:masters).</summary>
    public IKubernetes AdminClient(Uri server) => Client(server, "admin", "system:masters");

    public void Dispose()
    {
        _ca.Dispose();
        _serviceAccountKey.Dispose();
    }

    private static X509Certificate2 WithoutKey(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);
}
