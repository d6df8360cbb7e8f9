using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>What the signer does with one CSR: nothing, issue a certificate, or record a Failed condition.</summary>
internal abstract record SigningPlan
{
    private SigningPlan()
    {
    }

    public static readonly SigningPlan Skip = new Nothing();

    /// <summary>Not this signer's, not approved, already issued or failed.</summary>
    public sealed record Nothing : SigningPlan;

    /// <summary>Issue a certificate for <paramref name="PublicKey"/> with this subject, extended usages and lifetime.</summary>
    public sealed record Issue(X500DistinguishedName Subject, PublicKey PublicKey, IReadOnlyList<string> ExtendedUsageOids, TimeSpan Validity) : SigningPlan;

    /// <summary>The request can never be signed: a Failed condition with this reason and message.</summary>
    public sealed record Fail(string Reason, string Message) : SigningPlan;
}
