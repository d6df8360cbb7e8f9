namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// Upstream's autoregister controller for the group/versions this server serves itself: one local APIService
/// (no <c>spec.service</c>) each, named <c>version.group</c> (<c>v1.</c> for the core group), with the priorities of
/// <see cref="LocalApiServicePriorities"/> and label <c>kube-aggregator.kubernetes.io/automanaged: onstart</c>. Created
/// when missing at start, already Available (reason Local) so that starting costs no status writes; the availability
/// controller keeps the condition from then on.
/// </summary>
internal sealed class LocalApiServices(IStore store, ResourceRegistry registry, RegistryRules rules, TimeProvider time)
{
    public const string AutomanagedLabel = "kube-aggregator.kubernetes.io/automanaged";

    /// <summary>The local APIServices this server's registry calls for, in registry order.</summary>
    public static IEnumerable<JsonObject> Desired(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (group, version) in registry.All.Select(r => (r.Group, r.Version)).Distinct())
        {
            if (LocalApiServicePriorities.For(group, version) is not { } priority)
            {
                continue;
            }

            yield return new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = version + "." + group,
                    ["labels"] = new JsonObject { [AutomanagedLabel] = "onstart" },
                },
                ["spec"] = new JsonObject
                {
                    ["group"] = group,
                    ["version"] = version,
                    ["groupPriorityMinimum"] = priority.Group,
                    ["versionPriority"] = priority.Version,
                },
            };
        }
    }

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var resource = registry.Find(ApiServiceIndex.Group, "v1", "apiservices") ?? throw new InvalidOperationException("apiservices are not served");
        foreach (var apiService in Desired(registry))
        {
            apiService["kind"] = resource.Kind;
            apiService["apiVersion"] = resource.ApiVersion;
            rules.PrepareCreate(resource, apiService, null);
            apiService["status"] = Availability.ApiServiceConditions.WithAvailable(null, Availability.AvailabilityCondition.Local, time.GetUtcNow());
            try
            {
                await store.CreateAsync(ObjectKeys.Item(resource, null, apiService["metadata"]!["name"]!.GetValue<string>()), StoredObject.Encode(apiService), null, cancellationToken);
            }
            catch (StoreKeyExistsException)
            {
                // Registered by an earlier start.
            }
        }
    }
}
