namespace Orchestrator.ApiServer.Hosting;

/// <summary>How the API server is secured: TLS, who it trusts, how it signs tokens, how it authorizes.</summary>
public sealed record ApiServerSecurity
{
    /// <summary>The serving certificate, with its private key (SANs: node addresses, 127.0.0.1, kubernetes.default.svc…, 10.96.0.1).</summary>
    public required X509Certificate2 ServingCertificate { get; init; }

    /// <summary>The cluster CA: client certificates it issued authenticate (CN = user, O = groups); it also goes into kubeconfigs, ca.crt and cluster-info.</summary>
    public required X509Certificate2 ClientCertificateAuthority { get; init; }

    /// <summary>The key that signs and verifies service-account tokens (ES256 for ECDSA, RS256 for RSA).</summary>
    public required AsymmetricAlgorithm ServiceAccountSigningKey { get; init; }

    /// <summary>The <c>iss</c> of the tokens this server issues and the one it accepts (upstream --service-account-issuer).</summary>
    public string ServiceAccountIssuer { get; init; } = "https://kubernetes.default.svc.cluster.local";

    /// <summary>The audiences accepted when a token names none to check (upstream --api-audiences; defaults to the issuer).</summary>
    public IReadOnlyList<string>? ApiAudiences { get; init; }

    /// <summary>The client certificate (with key) the API server presents to kubelets when it proxies logs, exec, attach and port-forward.</summary>
    public X509Certificate2? KubeletClientCertificate { get; init; }

    /// <summary>
    /// The client certificate (with key) the API server presents to aggregated API servers (upstream --proxy-client-cert-file,
    /// kubeadm's front-proxy-client). Null: none is presented.
    /// </summary>
    public X509Certificate2? FrontProxyClientCertificate { get; init; }

    /// <summary>
    /// The CA that issued <see cref="FrontProxyClientCertificate"/> (upstream --requestheader-client-ca-file), published with the
    /// header names in ConfigMap kube-system/extension-apiserver-authentication for aggregated API servers. Null: not published.
    /// </summary>
    public X509Certificate2? FrontProxyCertificateAuthority { get; init; }

    /// <summary>The CA kubelets' serving certificates must chain to (upstream --kubelet-certificate-authority). Null: not verified, upstream's default.</summary>
    public X509Certificate2? KubeletCertificateAuthority { get; init; }

    /// <summary>Whether requests without credentials are served as system:anonymous (upstream --anonymous-auth, default true).</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>Authorizers, in order (upstream --authorization-mode): "Node", "RBAC", "AlwaysAllow".</summary>
    public IReadOnlyList<string> AuthorizationModes { get; init; } = ["RBAC"];

    /// <summary>A plain-HTTP listener on loopback for tests that need one (upstream's removed insecure port): no authentication, everything allowed. Null: none.</summary>
    public int? InsecurePort { get; init; }
}
