using Orchestrator.ControllerManager.Controllers.CsrSigning;

namespace Orchestrator.ControllerManager.Controllers.CsrApproving;

/// <summary>
/// Approves kubelet client CSRs whose requestor a SubjectAccessReview allows (see <see cref="CsrApprovalPlanner"/>),
/// through the approval subresource. Keys are CSR names; a request no review allows is left pending.
/// </summary>
internal sealed partial class CsrApprovingController : ReconcilingController
{
    public const string ControllerName = "csrapproving";

    private readonly IInformer<V1CertificateSigningRequest> _csrs;
    private readonly ISubjectAccessReviewer _reviewer;

    public CsrApprovingController(ControllerContext context, ISubjectAccessReviewer? reviewer = null)
        : base(context, ControllerName)
    {
        _reviewer = reviewer ?? new ApiSubjectAccessReviewer(context.Client);
        _csrs = Runner.Watch(context.Informers.For(CsrListWatch.All), new ResourceEventHandler<V1CertificateSigningRequest>(
            csr => Runner.Enqueue(csr),
            (_, csr) => Runner.Enqueue(csr)));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_csrs.Cache.Get(key) is not { } csr)
        {
            return ReconcileResult.Done;
        }

        foreach (var subresource in CsrApprovalPlanner.Reviews(csr))
        {
            if (await _reviewer.AllowedAsync(csr.Spec, subresource, ct))
            {
                var approved = ObjectCopy.Deep(csr);
                approved.Status ??= new V1CertificateSigningRequestStatus();
                approved.Status.Conditions = [.. approved.Status.Conditions ?? [], CsrApprovalPlanner.Approval(Context.Time.GetUtcNow().UtcDateTime)];
                await Context.Client.CertificatesV1.ReplaceCertificateSigningRequestApprovalAsync(approved, key.Name, cancellationToken: ct);
                Log.Approved(Logger, key.Name, csr.Spec.Username, subresource);
                return ReconcileResult.Done;
            }
        }

        return ReconcileResult.Done;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Approved CSR {Name} of {User} (certificatesigningrequests/{Subresource})")]
        public static partial void Approved(ILogger logger, string name, string user, string subresource);
    }
}
