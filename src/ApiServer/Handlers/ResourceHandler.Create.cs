using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Serialization;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task CreateAsync(HttpContext context, ResourceRequest request)
    {
        var resource = request.Resource;
        var dryRun = IsDryRun(context);
        var validation = FieldValidationOf(context);
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        Admission.CheckKind(resource, resource.Kind, resource.ApiVersion, body);
        var warnings = Admission.CheckSchema(resource, resource.ModelType, resource.Kind, body, validation);

        var ns = await RequireNamespaceAsync(request, context.RequestAborted);
        admission.PrepareCreate(resource, body, request.Namespace);
        var name = ObjectMeta.Name(body)!;
        if (ns is not null && ObjectMeta.IsDeleting(ns))
        {
            throw ApiErrors.Forbidden(resource, name, $"unable to create new content in namespace {request.Namespace} because it is being terminated");
        }

        foreach (var warning in warnings)
        {
            Responses.AddWarning(context, warning);
        }

        var key = ObjectKeys.Item(resource, ObjectMeta.Namespace(body), name);
        if (dryRun)
        {
            if (await store.GetAsync(key, context.RequestAborted) is not null)
            {
                throw ApiErrors.AlreadyExists(resource, name);
            }

            await Responses.WriteJsonAsync(context, 201, body);
            return;
        }

        var isService = resource is { Group: "", Plural: "services" };
        if (isService)
        {
            await allocator.AllocateAsync(resource, body, context.RequestAborted);
        }

        KeyValue created;
        try
        {
            created = await store.CreateAsync(key, StoredObject.Encode(body), null, context.RequestAborted);
        }
        catch (Exception e) when (isService)
        {
            await allocator.ReleaseAsync(body, CancellationToken.None);
            if (e is StoreKeyExistsException)
            {
                throw ApiErrors.AlreadyExists(resource, name);
            }

            throw;
        }
        catch (StoreKeyExistsException)
        {
            throw ApiErrors.AlreadyExists(resource, name);
        }

        ObjectMeta.Set(body, "resourceVersion", created.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Responses.WriteJsonAsync(context, 201, WithTypeMeta(resource, body));
    }
}
