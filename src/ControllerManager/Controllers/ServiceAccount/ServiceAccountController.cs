namespace Orchestrator.ControllerManager.Controllers.ServiceAccount;

/// <summary>Keeps a "default" ServiceAccount in every active namespace, recreating it when deleted. Keys are namespace names.</summary>
internal sealed class ServiceAccountController : ReconcilingController
{
    private readonly IInformer<V1Namespace> _namespaces;
    private readonly IInformer<V1ServiceAccount> _serviceAccounts;
    private readonly IReadOnlyList<string> _required;

    public ServiceAccountController(ControllerContext context, IReadOnlyList<string>? required = null)
        : base(context, "serviceaccount")
    {
        _required = required ?? ServiceAccountPlanner.Required;
        _namespaces = Runner.Watch(context.Informers.Namespaces(), new ResourceEventHandler<V1Namespace>(
            ns => Runner.Enqueue(ns),
            (_, ns) => Runner.Enqueue(ns)));
        _serviceAccounts = Runner.Watch(context.Informers.ServiceAccounts(), new ResourceEventHandler<V1ServiceAccount>(
            onDelete: sa => Runner.Enqueue(new NamespacedName("", sa.Metadata.NamespaceProperty ?? ""))));
    }

    public override async Task<ReconcileResult> ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var ns = _namespaces.Cache.Get(new NamespacedName("", key.Name));
        var existing = _serviceAccounts.Cache.ListNamespace(key.Name).Select(sa => sa.Metadata.Name);
        foreach (var name in ServiceAccountPlanner.Missing(ns, existing, _required))
        {
            var account = new V1ServiceAccount
            {
                ApiVersion = "v1",
                Kind = "ServiceAccount",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = key.Name },
            };
            try
            {
                await Context.Client.CoreV1.CreateNamespacedServiceAccountAsync(account, key.Name, cancellationToken: ct);
            }
            catch (Exception e) when (ApiFailures.IsConflict(e) || ApiFailures.IsNotFound(e) || ApiFailures.Is(e, HttpStatusCode.Forbidden))
            {
                // Already there (the cache was behind), or the namespace is gone or terminating.
            }
        }

        return ReconcileResult.Done;
    }
}
