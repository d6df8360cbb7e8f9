namespace Orchestrator.ApiServer.Hosting;

/// <summary>The objects every cluster has from the start: system namespaces and the kubernetes Service.</summary>
internal sealed class Bootstrap(IStore store, ResourceRegistry registry, RegistryRules rules, Allocation.ServiceAllocator allocator)
{
    public static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public async Task EnsureAsync(int port, CancellationToken cancellationToken)
    {
        var namespaces = registry.Find("", "v1", "namespaces")!;
        foreach (var name in Namespaces)
        {
            await CreateIfMissingAsync(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, cancellationToken);
        }

        var services = registry.Find("", "v1", "services")!;
        var kubernetes = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["clusterIP"] = "10.96.0.1",
                ["clusterIPs"] = new JsonArray("10.96.0.1"),
                ["sessionAffinity"] = "None",
                ["ipFamilies"] = new JsonArray("IPv4"),
                ["ipFamilyPolicy"] = "SingleStack",
                ["internalTrafficPolicy"] = "Cluster",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = port }),
            },
        };
        await allocator.ReserveFixedIpAsync("10.96.0.1", cancellationToken);
        await CreateIfMissingAsync(services, "default", kubernetes, cancellationToken);
    }

    private async Task CreateIfMissingAsync(ResourceDefinition resource, string? ns, JsonObject obj, CancellationToken cancellationToken)
    {
        obj["kind"] = resource.Kind;
        obj["apiVersion"] = resource.ApiVersion;
        rules.PrepareCreate(resource, obj, ns);
        try
        {
            await store.CreateAsync(ObjectKeys.Item(resource, ns, ObjectMeta.Name(obj)!), StoredObject.Encode(obj), null, cancellationToken);
        }
        catch (StoreKeyExistsException)
        {
            // Already there from an earlier start.
        }
    }
}
