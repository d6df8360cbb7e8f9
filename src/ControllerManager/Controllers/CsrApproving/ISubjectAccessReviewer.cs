namespace Orchestrator.ControllerManager.Controllers.CsrApproving;

/// <summary>
/// Asks whether a CSR's requestor may <c>create</c> <c>certificatesigningrequests/&lt;subresource&gt;</c> in
/// certificates.k8s.io (upstream's approver posts a SubjectAccessReview). Thread-safe; a failure
/// throws and the request is retried with backoff.
/// </summary>
internal interface ISubjectAccessReviewer
{
    Task<bool> AllowedAsync(V1CertificateSigningRequestSpec requestor, string subresource, CancellationToken ct);
}
