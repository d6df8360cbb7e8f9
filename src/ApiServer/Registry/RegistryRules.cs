namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// What every create and update goes through before it is stored, for any kind (upstream's generic
/// registry: rest.BeforeCreate / BeforeUpdate around the admission chain). In order:
/// <list type="number">
/// <item>the metadata the server owns (<see cref="ServerOwnedMetadata"/>: namespace, generateName, uid, timestamps, generation);</item>
/// <item>the kind's <see cref="IResourceStrategy.PrepareForCreate"/> / <see cref="IResourceStrategy.PrepareForUpdate"/>, then its <see cref="IResourceStrategy.Default"/>;</item>
/// <item>the mutating admission plugins (<see cref="AdmissionChain.Admit"/>);</item>
/// <item>on create, the status the kind starts with (<see cref="IResourceStrategy.ResetStatusOnCreate"/>);</item>
/// <item>metadata and the kind's <see cref="IResourceStrategy.Validate"/> (on create with <see cref="IResourceStrategy.ValidateCreate"/>): one 422 with every cause; on update then <see cref="IResourceStrategy.ValidateUpdate"/>, its own 422;</item>
/// <item>the validating admission plugins (<see cref="AdmissionChain.Validate"/>).</item>
/// </list>
/// Pure apart from the clock and randomness it is given; thread-safe.
/// </summary>
internal sealed class RegistryRules(TimeProvider time, Random random, AdmissionChain admission)
{
    /// <summary>Prepares, defaults, admits and validates a new object in place.</summary>
    /// <param name="pathNamespace">The namespace of the URL, null for cluster-scoped kinds.</param>
    /// <exception cref="ApiException">400 for a namespace that does not match the URL, 422 for an invalid object, or a plugin's rejection.</exception>
    /// <param name="requestor">Who creates the object (kinds that record it, see <see cref="IResourceStrategy.RecordRequestor"/>); null: the server itself.</param>
    public void PrepareCreate(ResourceDefinition resource, JsonObject body, string? pathNamespace, bool dryRun = false, UserInfo? requestor = null)
    {
        ServerOwnedMetadata.OnCreate(resource, body, pathNamespace, time, random);
        ObjectMeta.OmitEmpty(body);
        var strategy = resource.Strategy;
        strategy.PrepareForCreate(body);
        strategy.RecordRequestor(body, requestor ?? UserInfo.Unsecured);
        strategy.Default(body, create: true);
        var attributes = new AdmissionAttributes(AdmissionOperation.Create, resource, null, ObjectMeta.Namespace(body), ObjectMeta.Name(body) ?? "", body, null, dryRun);
        admission.Admit(attributes);
        strategy.ResetStatusOnCreate(body, HasStatus(resource));
        var causes = ObjectMetaValidation.Check(resource, body);
        strategy.Validate(body, causes);
        strategy.ValidateCreate(body, causes);
        ThrowIfAny(resource, body, causes);
        admission.Validate(attributes);
    }

    /// <summary>
    /// Carries the server-owned fields over from <paramref name="current"/>, then prepares, defaults,
    /// admits and validates <paramref name="updated"/> in place and bumps generation on spec changes.
    /// A <c>status</c> update keeps everything of <paramref name="current"/> but the status, unvalidated; a subresource
    /// with its own <see cref="ISubresourceStrategy"/> keeps everything but its part.
    /// </summary>
    /// <exception cref="ApiException">400 for a name that does not match, 422 for an invalid object or a forbidden change, or a plugin's rejection.</exception>
    public void PrepareUpdate(ResourceDefinition resource, JsonObject current, JsonObject updated, string? subresource, bool dryRun = false)
    {
        ServerOwnedMetadata.OnUpdate(current, updated);
        var attributes = new AdmissionAttributes(AdmissionOperation.Update, resource, subresource, ObjectMeta.Namespace(current), ObjectMeta.Name(current) ?? "", updated, current, dryRun);
        if (resource.Subresources.FirstOrDefault(s => s.Name == subresource)?.Strategy is { } part)
        {
            PreparePartUpdate(resource, part, current, updated, attributes);
            return;
        }

        if (subresource is "status" or "approval")
        {
            KeepAllButStatus(current, updated);
            resource.Strategy.PrepareForStatusUpdate(subresource, current, updated);
            admission.Admit(attributes);
            var invalid = new List<StatusCause>();
            resource.Strategy.ValidateStatusUpdate(subresource, current, updated, invalid);
            ThrowIfAny(resource, updated, invalid);
            admission.Validate(attributes);
            return;
        }

        if (HasStatus(resource))
        {
            updated["status"] = current["status"]?.DeepClone();
        }

        ObjectMeta.OmitEmpty(updated);
        var strategy = resource.Strategy;
        strategy.PrepareForUpdate(current, updated);

        // Upstream defaults on every decode, so a PUT that leaves defaulted fields out keeps them.
        strategy.Default(updated, create: false);
        admission.Admit(attributes);
        var causes = ObjectMetaValidation.CheckUpdate(resource, current, updated);
        strategy.Validate(updated, causes);
        ThrowIfAny(resource, updated, causes);
        var forbidden = new List<StatusCause>();
        strategy.ValidateUpdate(current, updated, forbidden);
        ThrowIfAny(resource, current, forbidden);
        admission.Validate(attributes);
        ServerOwnedMetadata.BumpGeneration(resource, current, updated);
    }

    /// <summary>
    /// A write through a subresource with its own strategy (pods/ephemeralcontainers): everything but its part stays
    /// as stored; the kind's defaults and validation then apply to the whole object, with the subresource's update
    /// rules in the same 422, as upstream's ValidatePodEphemeralContainersUpdate reports them.
    /// </summary>
    private void PreparePartUpdate(ResourceDefinition resource, ISubresourceStrategy part, JsonObject current, JsonObject updated, AdmissionAttributes attributes)
    {
        part.PrepareForUpdate(current, updated);
        ObjectMeta.OmitEmpty(updated);
        resource.Strategy.Default(updated, create: false);
        admission.Admit(attributes);
        var causes = ObjectMetaValidation.CheckUpdate(resource, current, updated);
        resource.Strategy.Validate(updated, causes);
        part.ValidateUpdate(current, updated, causes);
        ThrowIfAny(resource, updated, causes);
        admission.Validate(attributes);
        ServerOwnedMetadata.BumpGeneration(resource, current, updated);
    }

    private static bool HasStatus(ResourceDefinition resource) => resource.Subresources.Any(s => s.Name == "status");

    /// <summary>The status subresource changes status only: everything else stays as stored.</summary>
    private static void KeepAllButStatus(JsonObject current, JsonObject updated)
    {
        var status = updated["status"]?.DeepClone();
        foreach (var (key, _) in updated.ToArray())
        {
            updated.Remove(key);
        }

        foreach (var (key, value) in current)
        {
            if (key != "status")
            {
                updated[key] = value?.DeepClone();
            }
        }

        // The stored object may have no status yet (created without one): the new status still applies.
        if (status is not null)
        {
            updated["status"] = status;
        }
    }

    private static void ThrowIfAny(ResourceDefinition resource, JsonObject named, List<StatusCause> causes)
    {
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(resource, ObjectMeta.Name(named) ?? "", causes);
        }
    }
}
