namespace Orchestrator.ApiServer.Authorization.Bootstrap;

/// <summary>
/// Puts the bootstrap policy in place at every start (upstream's rbac PostStartHook with
/// pkg/registry/rbac/reconciliation): a missing object is created; an existing one whose
/// <c>rbac.authorization.kubernetes.io/autoupdate</c> annotation is not "false" gets what is missing
/// added (<see cref="PolicyReconciliation"/>) and keeps everything a user added. Writes only what changed.
/// </summary>
/// <param name="nodeAuthorizer">Whether the Node authorizer runs (<see cref="BootstrapBindings.ClusterRoleBindings"/>).</param>
internal sealed class PolicyReconciler(IStore store, ResourceRegistry registry, RegistryRules rules, bool nodeAuthorizer = false)
{
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await ReconcileAllAsync("clusterroles", BootstrapClusterRoles.All().Concat(BootstrapSystemRoles.All()).Append(MetricsReaderPolicy.ClusterRole()), PolicyReconciliation.Role, cancellationToken);
        await ReconcileAllAsync("roles", BootstrapSystemRoles.NamespacedRoles(), PolicyReconciliation.Role, cancellationToken);
        await ReconcileAllAsync("clusterrolebindings", BootstrapBindings.ClusterRoleBindings(nodeAuthorizer).Concat(NodeCompanionPolicy.ClusterRoleBindings()), PolicyReconciliation.Binding, cancellationToken);
        await ReconcileAllAsync("rolebindings", BootstrapBindings.RoleBindings().Concat(NodeCompanionPolicy.RoleBindings()), PolicyReconciliation.Binding, cancellationToken);
    }

    private async Task ReconcileAllAsync(string plural, IEnumerable<JsonObject> expected, Func<JsonObject, JsonObject, JsonObject?> reconcile, CancellationToken cancellationToken)
    {
        var resource = registry.Find(PolicyObjects.RbacGroup, "v1", plural)!;
        foreach (var obj in expected)
        {
            await ReconcileAsync(resource, obj, reconcile, cancellationToken);
        }
    }

    private async Task ReconcileAsync(ResourceDefinition resource, JsonObject expected, Func<JsonObject, JsonObject, JsonObject?> reconcile, CancellationToken cancellationToken)
    {
        var ns = ObjectMeta.Namespace(expected);
        var name = ObjectMeta.Name(expected)!;
        var key = ObjectKeys.Item(resource, ns, name);
        while (true)
        {
            var stored = await store.GetAsync(key, cancellationToken);
            if (stored is null)
            {
                var created = expected.DeepClone().AsObject();
                rules.PrepareCreate(resource, created, ns);
                try
                {
                    await store.CreateAsync(key, StoredObject.Encode(created), null, cancellationToken);
                    return;
                }
                catch (StoreKeyExistsException)
                {
                    continue; // created meanwhile (another API server): reconcile that one
                }
            }

            var current = StoredObject.Decode(stored);
            if (reconcile(current, expected) is not { } updated)
            {
                return;
            }

            try
            {
                if (!JsonNode.DeepEquals(current["roleRef"], updated["roleRef"]))
                {
                    // A binding's roleRef is immutable: upstream deletes it and creates it again.
                    await store.DeleteAsync(key, stored.ModRevision, cancellationToken);
                    continue;
                }

                rules.PrepareUpdate(resource, current, updated, null);
                await store.UpdateAsync(key, StoredObject.Encode(updated), stored.ModRevision, null, cancellationToken);
                return;
            }
            catch (StoreConflictException)
            {
                // Changed meanwhile: reconcile the newer object.
            }
        }
    }
}
