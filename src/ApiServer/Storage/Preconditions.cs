namespace Orchestrator.ApiServer.Storage;

/// <summary>A write's uid and resourceVersion preconditions (upstream's storage.Preconditions), checked against the current object.</summary>
internal sealed record Preconditions(string? Uid, string? ResourceVersion)
{
    /// <summary>409 Conflict, with upstream's "Precondition failed" message, when <paramref name="current"/> does not match.</summary>
    public void Check(ResourceDefinition resource, string name, JsonObject current)
    {
        var uid = ObjectMeta.Uid(current);
        if (Uid is { } expectedUid && expectedUid != uid)
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {uid}");
        }

        var rv = ObjectMeta.ResourceVersion(current);
        if (ResourceVersion is { } expectedRv && expectedRv != rv)
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": Precondition failed: ResourceVersion in precondition: {expectedRv}, ResourceVersion in object meta: {rv}");
        }
    }
}
