using System.Security.Cryptography;
using System.Text;
using Orchestrator.ApiMachinery.Certificates;

namespace Orchestrator.ControllerManager.Controllers.CsrSigning;

/// <summary>
/// Issues approved CSRs from the cluster CA (see <see cref="CsrSigningPlanner"/>) by writing
/// status.certificate through /status. Without --cluster-signing-cert-file and -key-file it signs
/// nothing and says so once, as upstream's controller manager skips the signer.
/// </summary>
internal sealed partial class CsrSigningController : ReconcilingController
{
    public const string ControllerName = "csrsigning";

    private readonly IInformer<V1CertificateSigningRequest> _csrs;
    private readonly CsrSigningOptions _options;
    private readonly CertificateAuthority? _ca;

    public CsrSigningController(ControllerContext context, CsrSigningOptions options)
        : base(context, ControllerName)
    {
        _options = options;
        if (options.CertFile is { } cert && options.KeyFile is { } key)
        {
            _ca = CertificateAuthority.FromCertificate(Pem.CertificateWithKey(File.ReadAllText(cert), File.ReadAllText(key)));
        }

        _csrs = Runner.Watch(context.Informers.For(CsrListWatch.All), new ResourceEventHandler<V1CertificateSigningRequest>(
            csr => Runner.Enqueue(csr),
            (_, csr) => Runner.Enqueue(csr)));
    }

    public override Task RunAsync(CancellationToken ct)
    {
        if (_ca is null)
        {
            Log.NoCa(Logger);
            return Task.CompletedTask;
        }

        return base.RunAsync(ct);
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_ca is null || _csrs.Cache.Get(key) is not { } csr)
        {
            return ReconcileResult.Done;
        }

        var plan = CsrSigningPlanner.Plan(csr, _options.Duration);
        if (plan is SigningPlan.Nothing)
        {
            return ReconcileResult.Done;
        }

        var updated = ObjectCopy.Deep(csr);
        updated.Status ??= new V1CertificateSigningRequestStatus();
        var now = Context.Time.GetUtcNow();
        switch (plan)
        {
            case SigningPlan.Issue issue:
                var oids = new OidCollection();
                foreach (var oid in issue.ExtendedUsageOids)
                {
                    oids.Add(new Oid(oid));
                }

                using (var certificate = _ca.Sign(issue.Subject, issue.PublicKey, oids, issue.Validity, Context.Time))
                {
                    updated.Status.Certificate = Encoding.ASCII.GetBytes(Pem.Certificate(certificate));
                }

                Log.Issued(Logger, key.Name, issue.Subject.Name, issue.Validity);
                break;
            case SigningPlan.Fail fail:
                updated.Status.Conditions = [.. updated.Status.Conditions ?? [], new V1CertificateSigningRequestCondition
                {
                    Type = "Failed", Status = "True", Reason = fail.Reason, Message = fail.Message, LastUpdateTime = now.UtcDateTime, LastTransitionTime = now.UtcDateTime,
                }];
                Log.Failed(Logger, key.Name, fail.Message);
                break;
        }

        await Context.Client.CertificatesV1.ReplaceCertificateSigningRequestStatusAsync(updated, key.Name, cancellationToken: ct);
        return ReconcileResult.Done;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "No --cluster-signing-cert-file and --cluster-signing-key-file: the CSR signer issues nothing")]
        public static partial void NoCa(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Issued CSR {Name} for {Subject}, valid {Validity}")]
        public static partial void Issued(ILogger logger, string name, string subject, TimeSpan validity);

        [LoggerMessage(Level = LogLevel.Warning, Message = "CSR {Name} cannot be signed: {Message}")]
        public static partial void Failed(ILogger logger, string name, string message);
    }
}
