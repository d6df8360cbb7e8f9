using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Serialization;
using Orchestrator.ApiServer.Storage;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>scale, binding and eviction.</summary>
internal sealed partial class ResourceHandler
{
    private async Task GetScaleAsync(HttpContext context, ResourceRequest request)
    {
        var stored = await ReadAsync(request, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, ScaleConversion.ToScale(StoredObject.Decode(stored)));
    }

    private async Task PutScaleAsync(HttpContext context, ResourceRequest request)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        var scaleResource = request.Resource with { Group = "autoscaling", Version = "v1", Kind = "Scale" };
        Admission.CheckKind(scaleResource, "Scale", "autoscaling/v1", body);
        Admission.CheckSchema(scaleResource, typeof(k8s.Models.V1Scale), "Scale", body, FieldValidationOf(context));
        await WriteScaleAsync(context, request, body);
    }

    /// <summary>Applies a Scale's spec.replicas to the workload, honouring the Scale's resourceVersion as a precondition.</summary>
    private async Task WriteScaleAsync(HttpContext context, ResourceRequest request, JsonObject scale)
    {
        if (scale["spec"]?["replicas"] is not JsonValue replicasNode || !replicasNode.TryGetValue<int>(out var replicas) || replicas < 0)
        {
            throw ApiErrors.Invalid(request.Resource with { Kind = "Scale" }, request.Name!, [new StatusCause("FieldValueInvalid", "Invalid value: must be greater than or equal to 0", "spec.replicas")]);
        }

        var precondition = ObjectMeta.ResourceVersion(scale);
        while (true)
        {
            var stored = await ReadAsync(request, context.RequestAborted);
            if (precondition is { Length: > 0 } && precondition != stored.ModRevision.ToString(CultureInfo.InvariantCulture))
            {
                throw ApiErrors.Conflict(request.Resource, request.Name!);
            }

            var workload = StoredObject.Decode(stored);
            var spec = workload["spec"] as JsonObject ?? [];
            spec["replicas"] = replicas;
            workload["spec"] = spec;
            try
            {
                var written = await WriteUpdateAsync(request with { Subresource = null }, stored, workload, FieldOwnerOf(context, "scale"), IsDryRun(context), context.RequestAborted);
                await Responses.WriteJsonAsync(context, 200, ScaleConversion.ToScale(written));
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict" && precondition is not { Length: > 0 })
            {
                // Raced with another writer of the workload: scale the newer version.
            }
        }
    }

    /// <summary>pods/binding: assigns a node, once (what the scheduler calls).</summary>
    private async Task BindAsync(HttpContext context, ResourceRequest request)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        Admission.CheckSchema(request.Resource with { Kind = "Binding" }, typeof(k8s.Models.V1Binding), "Binding", body, FieldValidationOf(context));
        var node = body["target"]?["name"]?.GetValue<string>();
        if (node is not { Length: > 0 })
        {
            throw ApiErrors.Invalid(request.Resource with { Kind = "Binding" }, request.Name!, [new StatusCause("FieldValueRequired", "Required value", "target.name")]);
        }

        var stored = await ReadAsync(request, context.RequestAborted);
        var pod = StoredObject.Decode(stored);
        if (pod["spec"]?["nodeName"]?.GetValue<string>() is { Length: > 0 } assigned)
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{request.Name}\": pod {request.Name} is already assigned to node \"{assigned}\"");
        }

        if (ObjectMeta.IsDeleting(pod))
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on pods/binding \"{request.Name}\": pod {request.Name} is being deleted, cannot be assigned to a host");
        }

        var spec = pod["spec"] as JsonObject ?? [];
        spec["nodeName"] = node;
        pod["spec"] = spec;
        await WriteUpdateAsync(request with { Subresource = null }, stored, pod, FieldOwnerOf(context, "binding"), IsDryRun(context), context.RequestAborted);
        await Responses.WriteJsonAsync(context, 201, SuccessStatus(201));
    }

    /// <summary>pods/eviction: deletes the pod with the Eviction's delete options (disruption budgets arrive with the controllers).</summary>
    private async Task EvictAsync(HttpContext context, ResourceRequest request)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        Admission.CheckSchema(request.Resource with { Group = "policy", Kind = "Eviction" }, typeof(k8s.Models.V1Eviction), "Eviction", body, FieldValidationOf(context));
        var options = body["deleteOptions"] as JsonObject ?? [];
        var deleteOptions = new DeleteOptions(
            options["gracePeriodSeconds"]?.GetValue<long>(),
            options["propagationPolicy"]?.GetValue<string>(),
            options["preconditions"]?["uid"]?.GetValue<string>(),
            options["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            IsDryRun(context));
        await DeleteOneAsync(request with { Subresource = null }, deleteOptions, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 201, SuccessStatus(201));
    }

    /// <summary>
    /// namespaces/finalize: replaces spec.finalizers only (what the namespace controller calls once
    /// the namespace is empty); with none left on a Terminating namespace, the namespace goes.
    /// </summary>
    private async Task FinalizeNamespaceAsync(HttpContext context, ResourceRequest request)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        Admission.CheckKind(request.Resource, request.Resource.Kind, request.Resource.ApiVersion, body);
        Admission.CheckSchema(request.Resource, request.Resource.ModelType, request.Resource.Kind, body, FieldValidationOf(context));
        while (true)
        {
            var stored = await ReadAsync(request, context.RequestAborted);
            var ns = StoredObject.Decode(stored);
            var spec = ns["spec"] as JsonObject ?? [];
            spec["finalizers"] = body["spec"]?["finalizers"]?.DeepClone() ?? new JsonArray();
            ns["spec"] = spec;
            try
            {
                var written = await WriteUpdateAsync(request with { Subresource = null }, stored, ns, FieldOwnerOf(context, "finalize"), IsDryRun(context), context.RequestAborted);
                await Responses.WriteJsonAsync(context, 200, written);
                return;
            }
            catch (ApiException e) when (e.Reason == "Conflict")
            {
                // The namespace changed meanwhile: finalize the newer version.
            }
        }
    }

    private static JsonObject SuccessStatus(int code) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["code"] = code,
    };
}
