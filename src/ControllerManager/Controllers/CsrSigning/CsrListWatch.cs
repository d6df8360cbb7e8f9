namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>The list and watch of certificatesigningrequests the CSR controllers share (one informer).</summary>
internal static class CsrListWatch
{
    public static ListWatch<V1CertificateSigningRequest> All { get; } = ListWatch<V1CertificateSigningRequest>.Create<V1CertificateSigningRequestList>(
        (c, r, ct) => c.CertificatesV1.ListCertificateSigningRequestAsync(continueParameter: r.Continue, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, limit: r.Limit, cancellationToken: ct),
        (c, r, onError, ct) => c.CertificatesV1.WatchListCertificateSigningRequestAsync(allowWatchBookmarks: true, fieldSelector: r.FieldSelector, labelSelector: r.LabelSelector, resourceVersion: r.ResourceVersion, timeoutSeconds: r.TimeoutSeconds, onError: onError, cancellationToken: ct));
}
