namespace Orchestrator.ApiServer.Handlers.Subresources;

/// <summary>
/// <c>namespaces/finalize</c>: replaces spec.finalizers only (what the namespace controller calls
/// once the namespace is empty); with none left on a Terminating namespace, the namespace goes.
/// </summary>
internal sealed class FinalizeHandler(ObjectUpdater updater) : ISubresourceHandler
{
    public string Name => "finalize";

    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var body = await SubresourceBody.ReadObjectAsync(context, request.Resource);
        var written = await updater.UpdateAsync(request with { Subresource = null }, RequestOptions.FieldOwnerOf(context, Name), RequestOptions.IsDryRun(context), ns =>
        {
            var spec = ns["spec"] as JsonObject ?? [];
            spec["finalizers"] = body["spec"]?["finalizers"]?.DeepClone() ?? new JsonArray();
            ns["spec"] = spec;
            return ns;
        }, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, written);
    }
}
