using Orchestrator.ApiMachinery.Bootstrap;
using static Orchestrator.ApiMachinery.Bootstrap.BootstrapTokenSecrets;

namespace Orchestrator.ControllerManager.Controllers.TokenCleaner;

/// <summary>Deletes expired bootstrap-token Secrets in kube-system (see <see cref="TokenCleanerPlanner"/>); keys are Secret names.</summary>
internal sealed partial class TokenCleanerController : ReconcilingController
{
    public const string ControllerName = "tokencleaner";

    private readonly IInformer<V1Secret> _secrets;

    public TokenCleanerController(ControllerContext context)
        : base(context, ControllerName, workers: 1)
    {
        _secrets = Runner.Watch(context.Informers.Secrets(), new ResourceEventHandler<V1Secret>(
            secret => EnqueueToken(secret),
            (_, secret) => EnqueueToken(secret)));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_secrets.Cache.Get(key) is not { } secret)
        {
            return ReconcileResult.Done;
        }

        var plan = TokenCleanerPlanner.Plan(secret, Context.Time.GetUtcNow());
        if (plan is not { } wait)
        {
            return ReconcileResult.Done;
        }

        if (wait > TimeSpan.Zero)
        {
            return ReconcileResult.After(wait + TimeSpan.FromSeconds(1));
        }

        try
        {
            await Context.Client.CoreV1.DeleteNamespacedSecretAsync(key.Name, key.Namespace,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = secret.Metadata.Uid } }, cancellationToken: ct);
            Log.Deleted(Logger, key.Name);
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e) || ApiFailures.IsConflict(e))
        {
            // Gone already, or replaced by a new Secret of the same name that its own event brings back.
        }

        return ReconcileResult.Done;
    }

    private void EnqueueToken(V1Secret secret)
    {
        if (secret.Metadata.NamespaceProperty == BootstrapTokenSecrets.Namespace && secret.Type == SecretType)
        {
            Runner.Enqueue(secret);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Deleted expired bootstrap token Secret kube-system/{Name}")]
        public static partial void Deleted(ILogger logger, string name);
    }
}
