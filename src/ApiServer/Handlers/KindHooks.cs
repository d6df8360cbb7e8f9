using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Allocation;
using Orchestrator.ApiServer.Registry;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// The per-kind rules the generic handlers still call, kept together until they move into the
/// kinds' strategies (Registry/*Strategy): each method says which strategy it belongs to.
/// </summary>
internal sealed class KindHooks(ServiceAllocator allocator)
{
    /// <summary>
    /// per-kind: moves to the Service strategy. Creates through <paramref name="create"/>; a
    /// Service gets its ClusterIP and NodePorts first and gives them back when the create fails.
    /// </summary>
    public async Task<KeyValue> CreateAsync(ResourceDefinition resource, JsonObject body, Func<Task<KeyValue>> create, CancellationToken cancellationToken)
    {
        if (!IsService(resource))
        {
            return await create();
        }

        await allocator.AllocateAsync(resource, body, cancellationToken);
        try
        {
            return await create();
        }
        catch
        {
            await allocator.ReleaseAsync(body, CancellationToken.None);
            throw;
        }
    }

    /// <summary>per-kind: moves to the Service strategy. A deleted Service gives its ClusterIP and NodePorts back.</summary>
    public async Task AfterDeleteAsync(ResourceDefinition resource, JsonObject deleted)
    {
        if (IsService(resource))
        {
            await allocator.ReleaseAsync(deleted, CancellationToken.None);
        }
    }

    /// <summary>
    /// per-kind: moves to the Namespace strategy. A namespace's spec.finalizers keep it like
    /// metadata.finalizers do, until namespaces/finalize clears them.
    /// </summary>
    public static bool HasSpecFinalizers(ResourceDefinition resource, JsonObject obj) =>
        IsNamespace(resource) && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>per-kind: moves to the Namespace strategy. A namespace marked for deletion shows phase Terminating.</summary>
    public static void MarkDeleting(ResourceDefinition resource, JsonObject marked)
    {
        if (HasSpecFinalizers(resource, marked))
        {
            marked["status"] = new JsonObject { ["phase"] = "Terminating" };
        }
    }

    /// <summary>
    /// per-kind: moves to the Pod strategy. Pods bound to a node delete gracefully (the kubelet
    /// finishes); null for everything else, which goes at once.
    /// </summary>
    public static long? GracePeriod(ResourceDefinition resource, DeleteOptions options, JsonObject obj)
    {
        if (resource.Group.Length != 0 || resource.Plural != "pods" || obj["spec"]?["nodeName"] is null)
        {
            return null;
        }

        if (obj["status"]?["phase"]?.ToString() is "Succeeded" or "Failed")
        {
            return 0;
        }

        return options.GracePeriodSeconds ?? (obj["spec"]?["terminationGracePeriodSeconds"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 30);
    }

    private static bool IsService(ResourceDefinition resource) => resource is { Group: "", Plural: "services" };

    private static bool IsNamespace(ResourceDefinition resource) => resource is { Group: "", Plural: "namespaces" };
}
