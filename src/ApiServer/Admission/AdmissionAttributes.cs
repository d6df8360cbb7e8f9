namespace Orchestrator.ApiServer.Admission;

/// <summary>
/// What an admission plugin sees of one write (upstream's admission.Attributes): the operation, the
/// resource and subresource, where the object lives, the object as it will be stored and, on update,
/// the stored one.
/// </summary>
/// <param name="Object">The object being written; mutating plugins change it in place.</param>
/// <param name="OldObject">The stored object on update (read-only), null on create.</param>
/// <param name="DryRun">Whether the write is a dry run: plugins with side effects must not make them.</param>
internal sealed record AdmissionAttributes(
    AdmissionOperation Operation,
    ResourceDefinition Resource,
    string? Subresource,
    string? Namespace,
    string Name,
    JsonObject Object,
    JsonObject? OldObject,
    bool DryRun)
{
    /// <summary>Upstream's admission.NewForbidden: 403 naming the object, or "Unknown" before it has a name.</summary>
    public ApiException Forbidden(string why) => ApiErrors.Forbidden(Resource, Name.Length > 0 ? Name : "Unknown", why);
}
