namespace Orchestrator.ControllerManager.Controllers.CsrApproving;

/// <summary>The <see cref="ISubjectAccessReviewer"/> of a real cluster: a SubjectAccessReview through the API.</summary>
internal sealed class ApiSubjectAccessReviewer(IKubernetes client) : ISubjectAccessReviewer
{
    public async Task<bool> AllowedAsync(V1CertificateSigningRequestSpec requestor, string subresource, CancellationToken ct)
    {
        var review = new V1SubjectAccessReview
        {
            ApiVersion = "authorization.k8s.io/v1",
            Kind = "SubjectAccessReview",
            Spec = new V1SubjectAccessReviewSpec
            {
                User = requestor.Username,
                Uid = requestor.Uid,
                Groups = requestor.Groups,
                Extra = requestor.Extra,
                ResourceAttributes = new V1ResourceAttributes
                {
                    Group = "certificates.k8s.io",
                    Resource = "certificatesigningrequests",
                    Verb = "create",
                    Subresource = subresource,
                },
            },
        };
        var answer = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: ct);
        return answer.Status?.Allowed == true;
    }
}
