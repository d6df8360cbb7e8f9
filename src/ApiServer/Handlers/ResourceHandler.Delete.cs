using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// DELETE: preconditions, propagation policy recorded as finalizers for the garbage collector,
/// graceful deletion of pods bound to a node, and finalizers that keep an object until cleared.
/// </summary>
internal sealed partial class ResourceHandler
{
    private async Task DeleteAsync(HttpContext context, ResourceRequest request)
    {
        var options = await DeleteOptions.ReadAsync(context.Request, context.RequestAborted);
        var result = await DeleteOneAsync(request, options, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, result);
    }

    private async Task<JsonObject> DeleteOneAsync(ResourceRequest request, DeleteOptions options, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        while (true)
        {
            var stored = await ReadAsync(request, cancellationToken);
            var current = WithTypeMeta(resource, StoredObject.Decode(stored));
            CheckPreconditions(request, options, current, stored.ModRevision);

            var marked = MarkForDeletion(request, options, current);
            if (options.DryRun)
            {
                return marked ?? current;
            }

            try
            {
                if (marked is not null)
                {
                    // Finalizers or a grace period keep the object: record the deletion and let its owners finish.
                    if (JsonNode.DeepEquals(marked, current))
                    {
                        return current;
                    }

                    var written = await store.UpdateAsync(stored.Key, StoredObject.Encode(marked), stored.ModRevision, null, cancellationToken);
                    return WithTypeMeta(resource, StoredObject.Decode(written));
                }

                var deleted = await store.DeleteAsync(stored.Key, stored.ModRevision, cancellationToken);
                if (resource is { Group: "", Plural: "services" })
                {
                    await allocator.ReleaseAsync(current, CancellationToken.None);
                }

                return WithTypeMeta(resource, StoredObject.Decode(deleted.Value, deleted.ModRevision));
            }
            catch (StoreConflictException)
            {
                // Changed since we read it: decide again on the newer state.
            }
            catch (StoreKeyNotFoundException)
            {
                throw ApiErrors.NotFound(resource, request.Name!);
            }
        }
    }

    private static void CheckPreconditions(ResourceRequest request, DeleteOptions options, JsonObject current, long revision)
    {
        var uid = ObjectMeta.Uid(current);
        if (options.PreconditionUid is { } expectedUid && expectedUid != uid)
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {request.Resource.QualifiedResource} \"{request.Name}\": Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {uid}");
        }

        var rv = revision.ToString(CultureInfo.InvariantCulture);
        if (options.PreconditionResourceVersion is { } expectedRv && expectedRv != rv)
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {request.Resource.QualifiedResource} \"{request.Name}\": Precondition failed: ResourceVersion in precondition: {expectedRv}, ResourceVersion in object meta: {rv}");
        }
    }

    /// <summary>The object with its deletion recorded when it must stay for now; null when it can go at once.</summary>
    private JsonObject? MarkForDeletion(ResourceRequest request, DeleteOptions options, JsonObject current)
    {
        var resource = request.Resource;
        var marked = current.DeepClone().AsObject();
        var metadata = StoredObject.Metadata(marked);
        var finalizers = ObjectMeta.Finalizers(marked).ToList();
        switch (options.PropagationPolicy)
        {
            case "Foreground" when !finalizers.Contains("foregroundDeletion"):
                finalizers.Add("foregroundDeletion");
                break;
            case "Orphan" when !finalizers.Contains("orphan"):
                finalizers.Add("orphan");
                break;
        }

        var grace = GracePeriod(resource, options, marked);
        var namespaceFinalizers = resource.Plural == "namespaces" && marked["spec"]?["finalizers"] is JsonArray { Count: > 0 };
        if (finalizers.Count == 0 && grace is null or 0 && !namespaceFinalizers)
        {
            return null;
        }

        if (finalizers.Count > 0)
        {
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
        }

        var shortens = grace is { } shorter && metadata["deletionGracePeriodSeconds"] is JsonValue recorded
            && recorded.TryGetValue<long>(out var before) && shorter < before;
        if (metadata["deletionTimestamp"] is null || shortens)
        {
            // A second delete may only shorten the grace period (upstream's BeforeDelete). The
            // deadline saturates at the latest time a timestamp can say: a grace period near
            // int64 max is accepted, as upstream accepts it, instead of overflowing.
            metadata["deletionTimestamp"] = DeletionDeadline(time.GetUtcNow(), grace ?? 0);
            metadata["deletionGracePeriodSeconds"] = grace ?? 0;
            if (namespaceFinalizers)
            {
                marked["status"] = new JsonObject { ["phase"] = "Terminating" };
            }
        }

        return marked;
    }

    /// <summary>now + <paramref name="graceSeconds"/> as an RFC 3339 timestamp, saturating at 9999-12-31T23:59:59Z.</summary>
    internal static string DeletionDeadline(DateTimeOffset now, long graceSeconds)
    {
        var room = (long)(DateTimeOffset.MaxValue - now).TotalSeconds;
        var deadline = graceSeconds >= room ? DateTimeOffset.MaxValue : now.AddSeconds(graceSeconds);
        return deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Pods bound to a node delete gracefully (the kubelet finishes); everything else at once.</summary>
    private static long? GracePeriod(Registry.ResourceDefinition resource, DeleteOptions options, JsonObject obj)
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
}
