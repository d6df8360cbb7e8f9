using System.Security.Cryptography.X509Certificates;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>
/// What upstream's IsKubeletClientCSR checks: the subject is exactly O=system:nodes and one
/// CN=system:node:&lt;name&gt;, no subject alternative names, and the usages are digital signature and
/// client auth, optionally with key encipherment. Shared by the approver and the signer.
/// </summary>
internal static class KubeletClientRequest
{
    public const string NodeUserPrefix = "system:node:";

    private static readonly HashSet<string> Required = ["digital signature", "client auth"];

    /// <summary>Null when <paramref name="request"/> is a kubelet client request, else why not.</summary>
    public static string? Problem(CertificateRequest request, IEnumerable<string> usages)
    {
        var (organizations, commonNames, other) = SigningRequests.Names(request.SubjectName);
        if (organizations.Count != 1 || organizations[0] != "system:nodes")
        {
            return "subject organization is not system:nodes";
        }

        if (commonNames.Count != 1 || !commonNames[0].StartsWith(NodeUserPrefix, StringComparison.Ordinal) || other > 0)
        {
            return "subject common name does not begin with system:node:";
        }

        if (request.CertificateExtensions.Any(e => e.Oid?.Value == "2.5.29.17"))
        {
            return "subject alternative names are not allowed";
        }

        var set = usages.ToHashSet(StringComparer.Ordinal);
        set.Remove("key encipherment");
        return set.SetEquals(Required) ? null : "usages must be digital signature and client auth, with key encipherment optional";
    }

    public static string CommonName(CertificateRequest request) => SigningRequests.Names(request.SubjectName).CommonNames.FirstOrDefault() ?? "";
}
