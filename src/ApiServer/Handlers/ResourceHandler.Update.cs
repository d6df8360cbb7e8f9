using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.FieldManagement;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task UpdateAsync(HttpContext context, ResourceRequest request)
    {
        var resource = request.Resource;
        Validation.FieldManagerValidation.CheckOptions(resource, "UpdateOptions", context.Request.Query["fieldManager"].ToString());
        var dryRun = IsDryRun(context);
        var (body, warnings) = await ReadObjectBodyAsync(context, resource);
        foreach (var warning in warnings)
        {
            Responses.AddWarning(context, warning);
        }

        if (ObjectMeta.Namespace(body) is { Length: > 0 } bodyNamespace && bodyNamespace != request.Namespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var precondition = ObjectMeta.ResourceVersion(body);
        while (true)
        {
            var current = await ReadAsync(request, context.RequestAborted);
            if (precondition is { Length: > 0 } && precondition != current.ModRevision.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiErrors.Conflict(resource, request.Name!);
            }

            try
            {
                var updated = await WriteUpdateAsync(request, current, body.DeepClone().AsObject(), FieldOwnerOf(context, request.Subresource), dryRun, context.RequestAborted);
                await Responses.WriteJsonAsync(context, 200, updated);
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && precondition is not { Length: > 0 })
            {
                // No resourceVersion in the body means "whatever is there now": retry on a newer read (upstream's GuaranteedUpdate).
            }
        }
    }

    /// <summary>
    /// Records managed fields for <paramref name="owner"/> (apply has recorded them already) and stores <paramref name="updated"/> over <paramref name="current"/> conditioned on the revision
    /// that was read, so a concurrent writer yields 409 instead of a lost update.
    /// </summary>
    private async Task<JsonObject> WriteUpdateAsync(ResourceRequest request, KeyValue current, JsonObject updated, FieldOwner owner, bool dryRun, CancellationToken cancellationToken)
    {
        var resource = request.Resource;
        var currentObject = StoredObject.Decode(current);
        var applied = owner.Operation == ManagedFieldsEntry.Apply ? updated["metadata"]?["managedFields"]?.DeepClone() : null;
        Admission.PrepareUpdate(resource, currentObject, updated, request.Subresource == "status");
        if (owner.Operation == ManagedFieldsEntry.Update)
        {
            FieldManager.RecordUpdate(resource, currentObject, updated, owner, ObjectMeta.Now(time));
        }
        else
        {
            // A status apply keeps only status of the merged object: its managed fields are carried over explicitly.
            if (applied is null)
            {
                Storage.StoredObject.Metadata(updated).Remove("managedFields");
            }
            else
            {
                ObjectMeta.Set(updated, "managedFields", applied);
            }
        }

        WithTypeMeta(resource, updated);
        if (dryRun)
        {
            ObjectMeta.Set(updated, "resourceVersion", current.ModRevision.ToString(CultureInfo.InvariantCulture));
            return updated;
        }

        try
        {
            if (FinishesDeletion(resource, updated))
            {
                // The last finalizer of an object being deleted is gone: the object goes (upstream's store does the same).
                var deleted = await store.DeleteAsync(current.Key, current.ModRevision, cancellationToken);
                if (resource is { Group: "", Plural: "services" })
                {
                    await allocator.ReleaseAsync(updated, CancellationToken.None);
                }

                ObjectMeta.Set(updated, "resourceVersion", deleted.ModRevision.ToString(CultureInfo.InvariantCulture));
                return updated;
            }

            var written = await store.UpdateAsync(current.Key, StoredObject.Encode(updated), current.ModRevision, null, cancellationToken);
            return WithTypeMeta(resource, StoredObject.Decode(written));
        }
        catch (StoreConflictException)
        {
            throw ApiErrors.Conflict(resource, request.Name!);
        }
        catch (StoreKeyNotFoundException)
        {
            throw ApiErrors.NotFound(resource, request.Name!);
        }
    }

    /// <summary>
    /// An object marked for deletion with no finalizers left and no grace period still running
    /// (graceful pods wait for the kubelet's final delete) is deleted instead of updated.
    /// </summary>
    private static bool FinishesDeletion(Registry.ResourceDefinition resource, JsonObject updated)
    {
        if (!ObjectMeta.IsDeleting(updated) || ObjectMeta.Finalizers(updated).Count > 0)
        {
            return false;
        }

        if (resource.Plural == "namespaces" && resource.Group.Length == 0 && updated["spec"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            return false;
        }

        return updated["metadata"]?["deletionGracePeriodSeconds"] is not JsonValue grace || !grace.TryGetValue<long>(out var seconds) || seconds == 0;
    }
}
