namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary><c>pods/binding</c>: assigns a node, once (what the scheduler calls).</summary>
internal sealed class BindingHandler(ObjectUpdater updater) : ISubresourceHandler
{
    public string Name => "binding";

    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var body = await SubresourceBody.ReadAsync(context, "POST");
        BodyChecks.CheckSchema(request.Resource with { Kind = "Binding" }, typeof(k8s.Models.V1Binding), "Binding", body, RequestOptions.FieldValidationOf(context));
        var node = body["target"]?["name"]?.GetValue<string>();
        if (node is not { Length: > 0 })
        {
            throw ApiErrors.Invalid(request.Resource with { Kind = "Binding" }, request.Name!, [new StatusCause("FieldValueRequired", "Required value", "target.name")]);
        }

        await updater.UpdateAsync(request with { Subresource = null }, RequestOptions.FieldOwnerOf(context, Name), RequestOptions.IsDryRun(context), pod =>
        {
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
            return pod;
        }, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 201, Responses.SuccessStatus(201));
    }
}
