using Orchestrator.ApiServer.Hosting;
using Orchestrator.Host.Pki;

namespace Orchestrator.Host.Commands;

/// <summary>
/// <c>up</c>'s security flags: <c>--insecure-port N</c> (a plain-HTTP loopback listener for tests, off by default),
/// <c>--authorization-mode a,b</c> (upstream's comma list, in order) and <c>--anonymous-auth true|false</c>.
/// </summary>
internal sealed record UpSecurity(int? InsecurePort, IReadOnlyList<string> AuthorizationModes, bool AnonymousAuth)
{
    /// <summary>The authorizers when <c>--authorization-mode</c> is not given.</summary>
    public const string DefaultAuthorizationMode = "Node,RBAC";

    public static UpSecurity Parse(ParseResult parsed)
    {
        var insecurePort = parsed.Value<int?>("insecure-port") ?? 0;
        var modesText = parsed.Value<string>("authorization-mode") ?? DefaultAuthorizationMode;
        var modes = modesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (modes.Length == 0)
        {
            throw new UsageException("--authorization-mode needs at least one mode (AlwaysAllow, RBAC, Node)");
        }

        return new UpSecurity(insecurePort == 0 ? null : insecurePort, modes, parsed.Boolean("anonymous-auth") ?? true);
    }

    /// <summary>The API server's security from the cluster's PKI.</summary>
    public ApiServerSecurity For(ClusterPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        return new ApiServerSecurity
        {
            ServingCertificate = pki.ServingCertificate,
            ClientCertificateAuthority = pki.CaCertificate,
            ServiceAccountSigningKey = pki.ServiceAccountKey,
            KubeletClientCertificate = pki.KubeletClientCertificate,
            FrontProxyClientCertificate = pki.FrontProxyClientCertificate,
            FrontProxyCertificateAuthority = pki.FrontProxyCaCertificate,
            AllowAnonymous = AnonymousAuth,
            AuthorizationModes = AuthorizationModes,
            InsecurePort = InsecurePort,
        };
    }
}
