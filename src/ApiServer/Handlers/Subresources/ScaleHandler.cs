namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>
/// <c>{workload}/scale</c>: the autoscaling/v1 Scale view of a workload (<see cref="ScaleConversion"/>);
/// PUT and PATCH change the workload's spec.replicas, honouring the Scale's resourceVersion as a precondition.
/// </summary>
internal sealed class ScaleHandler(IStore store, ObjectUpdater updater) : ISubresourceHandler
{
    public string Name => "scale";

    public Task HandleAsync(HttpContext context, ResourceRequest request) => context.Request.Method switch
    {
        "GET" => GetAsync(context, request),
        "PUT" => PutAsync(context, request),
        "PATCH" => PatchAsync(context, request),
        _ => throw ApiErrors.MethodNotAllowed(),
    };

    private async Task GetAsync(HttpContext context, ResourceRequest request)
    {
        var stored = await store.GetAsync(ObjectKeys.Item(request.Resource, request.Namespace, request.Name!), context.RequestAborted)
            ?? throw ApiErrors.NotFound(request.Resource, request.Name!);
        await Responses.WriteJsonAsync(context, 200, ToScale(request, StoredObject.Decode(stored)));
    }

    private async Task PutAsync(HttpContext context, ResourceRequest request)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        var scaleResource = request.Resource with { Group = "autoscaling", Version = "v1", Kind = "Scale" };
        BodyChecks.CheckKind(scaleResource, "Scale", "autoscaling/v1", body);
        BodyChecks.CheckSchema(scaleResource, typeof(k8s.Models.V1Scale), "Scale", body, RequestOptions.FieldValidationOf(context));
        Replicas(request, body);
        await ScaleAsync(context, request, _ => body);
    }

    private async Task PatchAsync(HttpContext context, ResourceRequest request)
    {
        var patch = await PatchRequest.ReadAsync(context, request);
        await ScaleAsync(context, request, workload => patch.ApplyTo(ToScale(request, workload), typeof(k8s.Models.V1Scale)));
    }

    /// <summary>Sets the replicas of the Scale that <paramref name="scaleOf"/> makes of the current workload.</summary>
    private async Task ScaleAsync(HttpContext context, ResourceRequest request, Func<JsonObject, JsonObject> scaleOf)
    {
        var written = await updater.UpdateAsync(request with { Subresource = null }, RequestOptions.FieldOwnerOf(context, Name), RequestOptions.IsDryRun(context), workload =>
        {
            var scale = scaleOf(workload);
            var replicas = Replicas(request, scale);
            ObjectUpdater.RequireResourceVersion(request, ObjectMeta.ResourceVersion(scale), workload);
            if (request.Resource.Custom?.Scale is { } paths)
            {
                CustomResources.CustomResourceScale.SetReplicas(workload, paths, replicas);
                return workload;
            }

            var spec = workload["spec"] as JsonObject ?? [];
            spec["replicas"] = replicas;
            workload["spec"] = spec;
            return workload;
        }, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, ToScale(request, written));
    }

    /// <summary>A workload's Scale, or a custom resource's from its CRD's scale paths.</summary>
    private static JsonObject ToScale(ResourceRequest request, JsonObject obj) =>
        request.Resource.Custom?.Scale is { } paths ? CustomResources.CustomResourceScale.ToScale(obj, paths) : ScaleConversion.ToScale(obj);

    /// <summary>The Scale's spec.replicas; 422 unless it is a number ≥ 0.</summary>
    private static int Replicas(ResourceRequest request, JsonObject scale)
    {
        if (scale["spec"]?["replicas"] is not JsonValue replicasNode || !replicasNode.TryGetValue<int>(out var replicas) || replicas < 0)
        {
            throw ApiErrors.Invalid(request.Resource with { Kind = "Scale" }, request.Name!, [new StatusCause("FieldValueInvalid", "Invalid value: must be greater than or equal to 0", "spec.replicas")]);
        }

        return replicas;
    }
}
