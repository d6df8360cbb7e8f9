using Orchestrator.ApiServer.Handlers.Subresources;

namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>
/// <c>certificatesigningrequests/approval</c> (PUT, what <c>kubectl certificate approve|deny</c> sends):
/// upstream's approval strategy takes only the Approved and Denied conditions from the body and keeps
/// every other field and condition as stored; Approved and Denied are exclusive, and once there, stay.
/// </summary>
internal sealed class CsrApprovalHandler(ObjectUpdater updater) : ISubresourceHandler
{
    public string Name => "approval";

    public async Task HandleAsync(HttpContext context, ResourceRequest request)
    {
        var body = await SubresourceBody.ReadObjectAsync(context, request.Resource);
        var requested = CsrConditions.Of(body).Where(c => CsrConditions.IsApproval(CsrConditions.TypeOf(c))).ToList();
        var pinned = ObjectMeta.ResourceVersion(body);

        // A status-like write: everything but status stays as stored, whatever the body says; the strategy validates (CsrStatusRules).
        var written = await updater.UpdateAsync(request with { Subresource = Name }, RequestOptions.FieldOwnerOf(context, Name), RequestOptions.IsDryRun(context), csr =>
        {
            ObjectUpdater.RequireResourceVersion(request, pinned, csr);
            var merged = Merge(csr, requested);
            var status = csr["status"] as JsonObject ?? [];
            status["conditions"] = new JsonArray([.. merged.Select(c => (JsonNode)c.DeepClone())]);
            csr["status"] = status;
            return csr;
        }, context.RequestAborted);
        await Responses.WriteJsonAsync(context, 200, written);
    }

    /// <summary>The stored conditions other than Approved and Denied, then the requested approval conditions.</summary>
    public static List<JsonObject> Merge(JsonObject stored, IReadOnlyList<JsonObject> approval) =>
        [.. CsrConditions.Of(stored).Where(c => !CsrConditions.IsApproval(CsrConditions.TypeOf(c))), .. approval];
}
