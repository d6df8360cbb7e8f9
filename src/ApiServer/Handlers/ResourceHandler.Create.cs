using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Storage;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Handlers;

internal sealed partial class ResourceHandler
{
    private async Task CreateAsync(HttpContext context, ResourceRequest request)
    {
        var resource = request.Resource;
        Validation.FieldManagerValidation.CheckOptions(resource, "CreateOptions", context.Request.Query["fieldManager"].ToString());
        var dryRun = RequestOptions.IsDryRun(context);
        var (body, warnings) = await ReadObjectBodyAsync(context, resource);
        var ns = await namespaces.RequireNamespaceAsync(request, context.RequestAborted);
        rules.PrepareCreate(resource, body, request.Namespace, dryRun);
        var name = ObjectMeta.Name(body)!;
        NamespaceLifecycle.RefuseInTerminatingNamespace(request, name, ns);
        FieldManagement.FieldManager.RecordCreate(resource, body, RequestOptions.FieldOwnerOf(context, null), ObjectMeta.Now(time));

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

        KeyValue created;
        try
        {
            created = await hooks.CreateAsync(resource, body, () => store.CreateAsync(key, StoredObject.Encode(body), null, context.RequestAborted), context.RequestAborted);
        }
        catch (StoreKeyExistsException)
        {
            throw ApiErrors.AlreadyExists(resource, name);
        }

        ObjectMeta.Set(body, "resourceVersion", created.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Responses.WriteJsonAsync(context, 201, Responses.WithTypeMeta(resource, body));
    }
}
