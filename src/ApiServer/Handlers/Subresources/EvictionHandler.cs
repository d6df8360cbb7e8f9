namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>
/// <c>pods/eviction</c>: the Eviction is admitted as a create of the subresource (NodeRestriction lets a node
/// evict only its own pods), then the pod is deleted with its delete options (disruption budgets arrive with the controllers).
/// </summary>
internal sealed class EvictionHandler(ObjectDeleter deleter, AdmissionChain admission) : ISubresourceHandler
{
    public string Name => "eviction";

    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var body = await SubresourceBody.ReadAsync(context, "POST");
        BodyChecks.CheckSchema(request.Resource with { Group = "policy", Kind = "Eviction" }, typeof(k8s.Models.V1Eviction), "Eviction", body, RequestOptions.FieldValidationOf(context));
        var admitted = new AdmissionAttributes(AdmissionOperation.Create, request.Resource, Name, request.Namespace, request.Name!, body, null, RequestOptions.IsDryRun(context));
        admission.Admit(admitted);
        admission.Validate(admitted);
        var options = body["deleteOptions"] as JsonObject ?? [];
        var deleteOptions = new DeleteOptions(
            options["gracePeriodSeconds"]?.GetValue<long>(),
            options["propagationPolicy"]?.GetValue<string>(),
            options["preconditions"]?["uid"]?.GetValue<string>(),
            options["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            RequestOptions.IsDryRun(context));
        await deleter.DeleteAsync(request with { Subresource = null }, deleteOptions, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 201, Responses.SuccessStatus(201));
    }
}
