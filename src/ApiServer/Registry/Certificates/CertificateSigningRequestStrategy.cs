namespace Orchestrator.ApiServer.Registry.Certificates;

/// <summary>
/// certificates.k8s.io/v1 CertificateSigningRequests (upstream's pkg/registry/certificates/certificates/strategy.go):
/// the requestor (username, uid, groups, extra) is recorded from the request's user on create, whatever
/// the client sent; a new request starts without status; the spec never changes after create (an update
/// keeps the stored spec, status and approval go through their subresources, see <see cref="CsrApprovalHandler"/> and <see cref="CsrStatusRules"/>).
/// </summary>
internal sealed class CertificateSigningRequestStrategy() : ResourceStrategy(new CsrPrinter())
{
    public override void RecordRequestor(JsonObject obj, UserInfo requestor)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["username"] = requestor.Name;
        SetOrRemove(spec, "uid", requestor.Uid.Length == 0 ? null : requestor.Uid);
        SetOrRemove(spec, "groups", requestor.Groups.Count == 0 ? null : new JsonArray([.. requestor.Groups.Select(g => (JsonNode)g)]));
        SetOrRemove(spec, "extra", requestor.Extra.Count == 0 ? null : Extra(requestor.Extra));
    }

    public override void ResetStatusOnCreate(JsonObject obj, bool hasStatusSubresource) => obj.Remove("status");

    public override void PrepareForUpdate(JsonObject current, JsonObject updated) => updated["spec"] = current["spec"]?.DeepClone();

    public override void Validate(JsonObject obj, List<StatusCause> causes) => CsrValidation.Validate(obj, causes);

    public override void PrepareForStatusUpdate(string subresource, JsonObject current, JsonObject updated)
    {
        if (subresource == "status")
        {
            CsrStatusRules.PreserveApprovals(current, updated);
        }
    }

    public override void ValidateStatusUpdate(string subresource, JsonObject current, JsonObject updated, List<StatusCause> causes) =>
        CsrStatusRules.Validate(subresource, current, updated, causes);

    private static JsonObject Extra(IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
    {
        var map = new JsonObject();
        foreach (var (key, values) in extra.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            map[key] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }

        return map;
    }

    private static void SetOrRemove(JsonObject obj, string key, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(key);
        }
        else
        {
            obj[key] = value;
        }
    }
}
