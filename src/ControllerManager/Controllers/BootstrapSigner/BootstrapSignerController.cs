using Orchestrator.ApiMachinery.Bootstrap;
using static Orchestrator.ApiMachinery.Bootstrap.BootstrapTokenSecrets;

namespace Orchestrator.ControllerManager.Controllers.BootstrapSigner;

/// <summary>
/// Keeps kube-public/cluster-info signed for every bootstrap token that may sign it (see
/// <see cref="ClusterInfoSignaturePlanner"/>). One key, cluster-info itself; token Secrets in
/// kube-system and the ConfigMap enqueue it. Tokens that expire are dropped at their expiry.
/// </summary>
internal sealed partial class BootstrapSignerController : ReconcilingController
{
    public const string ControllerName = "bootstrapsigner";

    private static readonly NamespacedName ClusterInfoKey = new(PublicNamespace, ClusterInfo);

    private readonly IInformer<V1ConfigMap> _configMaps;
    private readonly IInformer<V1Secret> _secrets;

    public BootstrapSignerController(ControllerContext context)
        : base(context, ControllerName, workers: 1)
    {
        _configMaps = Runner.Watch(context.Informers.ConfigMaps(), ResourceEventHandler<V1ConfigMap>.ForEach(cm =>
        {
            if (cm.Metadata.NamespaceProperty == PublicNamespace && cm.Metadata.Name == ClusterInfo)
            {
                Runner.Enqueue(ClusterInfoKey);
            }
        }));
        _secrets = Runner.Watch(context.Informers.Secrets(), ResourceEventHandler<V1Secret>.ForEach(secret =>
        {
            if (secret.Metadata.NamespaceProperty == BootstrapTokenSecrets.Namespace && secret.Type == SecretType)
            {
                Runner.Enqueue(ClusterInfoKey);
            }
        }));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_configMaps.Cache.Get(ClusterInfoKey) is not { } clusterInfo)
        {
            return ReconcileResult.Done;
        }

        var now = Context.Time.GetUtcNow();
        var tokens = _secrets.Cache.ListNamespace(BootstrapTokenSecrets.Namespace).Select(BootstrapTokenSecret.FromSecret).OfType<BootstrapTokenSecret>().ToList();
        if (ClusterInfoSignaturePlanner.Plan(clusterInfo.Data, tokens, now) is { } data)
        {
            var updated = ObjectCopy.Deep(clusterInfo);
            updated.Data = data;
            await Context.Client.CoreV1.ReplaceNamespacedConfigMapAsync(updated, ClusterInfo, PublicNamespace, cancellationToken: ct);
            Log.Signed(Logger, data.Keys.Count(k => k.StartsWith(JwsKeyPrefix, StringComparison.Ordinal)));
        }

        // A signing token that expires later must lose its signature then.
        var next = tokens.Where(t => t.HasUsage("signing") && t.Expires > now).Select(t => t.Expires!.Value).DefaultIfEmpty().Min();
        return next == default ? ReconcileResult.Done : ReconcileResult.After(next - now + TimeSpan.FromSeconds(1));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Signed kube-public/cluster-info for {Count} bootstrap token(s)")]
        public static partial void Signed(ILogger logger, int count);
    }
}
