namespace Orchestrator.ControllerManager.Controllers.RootCaPublisher;

/// <summary>
/// Publishes the cluster CA bundle into every namespace as the <c>kube-root-ca.crt</c> ConfigMap
/// (projected into pods beside their service-account token). Keys are namespace names.
/// </summary>
internal sealed class RootCaPublisherController : ReconcilingController
{
    public const string ControllerName = "root-ca-cert-publisher";

    private readonly IInformer<V1Namespace> _namespaces;
    private readonly IInformer<V1ConfigMap> _configMaps;
    private readonly string _caBundle;

    public RootCaPublisherController(ControllerContext context, string caBundle)
        : base(context, ControllerName)
    {
        _caBundle = caBundle;
        _namespaces = Runner.Watch(context.Informers.Namespaces(), new ResourceEventHandler<V1Namespace>(
            ns => Runner.Enqueue(ns),
            (_, ns) => Runner.Enqueue(ns)));
        _configMaps = Runner.Watch(context.Informers.ConfigMaps(), new ResourceEventHandler<V1ConfigMap>(
            onUpdate: (_, cm) => EnqueueNamespaceOf(cm),
            onDelete: EnqueueNamespaceOf));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var ns = _namespaces.Cache.Get(new NamespacedName("", key.Name));
        var existing = _configMaps.Cache.Get(new NamespacedName(key.Name, RootCaPublisherPlanner.ConfigMapName));
        var action = RootCaPublisherPlanner.Plan(ns, existing, _caBundle);
        if (action == RootCaAction.None)
        {
            return ReconcileResult.Done;
        }

        var desired = RootCaPublisherPlanner.Desired(key.Name, existing is null ? null : Copy(existing), _caBundle);
        try
        {
            if (action == RootCaAction.Create)
            {
                await Context.Client.CoreV1.CreateNamespacedConfigMapAsync(desired, key.Name, cancellationToken: ct);
            }
            else
            {
                await Context.Client.CoreV1.ReplaceNamespacedConfigMapAsync(desired, RootCaPublisherPlanner.ConfigMapName, key.Name, cancellationToken: ct);
            }
        }
        catch (Exception e) when (ApiFailures.IsNotFound(e) || ApiFailures.Is(e, HttpStatusCode.Forbidden))
        {
            // The namespace is gone or terminating: nothing to publish into.
        }

        return ReconcileResult.Done;
    }

    private void EnqueueNamespaceOf(V1ConfigMap configMap)
    {
        if (configMap.Metadata.Name == RootCaPublisherPlanner.ConfigMapName)
        {
            Runner.Enqueue(new NamespacedName("", configMap.Metadata.NamespaceProperty ?? ""));
        }
    }

    private static V1ConfigMap Copy(V1ConfigMap configMap) => Orchestrator.ApiMachinery.Objects.ObjectCopy.Deep(configMap);
}
