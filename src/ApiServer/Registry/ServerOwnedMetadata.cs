namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// The metadata the server owns on every kind (upstream's rest.FillObjectMetaSystemFields and the
/// generic parts of BeforeCreate / BeforeUpdate): namespace from the URL, name from generateName, uid,
/// creationTimestamp, generation; never taken from a client.
/// </summary>
internal static class ServerOwnedMetadata
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static readonly string[] ClearedOnCreate = ["resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];

    private static readonly string[] KeptOnUpdate = ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    /// <summary>Sets name (from generateName), namespace and the server-owned fields of a new object.</summary>
    public static void OnCreate(ResourceDefinition resource, JsonObject body, string? pathNamespace, TimeProvider time, Random random)
    {
        var metadata = Storage.StoredObject.Metadata(body);
        var bodyNamespace = ObjectMeta.Namespace(body);
        if (resource.Namespaced)
        {
            if (bodyNamespace is { Length: > 0 } && pathNamespace is not null && bodyNamespace != pathNamespace)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = pathNamespace ?? bodyNamespace;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (ObjectMeta.Name(body) is not { Length: > 0 } && metadata["generateName"]?.GetValue<string>() is { Length: > 0 } generate)
        {
            metadata["name"] = generate + new string([.. Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[random.Next(GenerateNameAlphabet.Length)])]);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.Now(time);
        foreach (var owned in ClearedOnCreate)
        {
            metadata.Remove(owned);
        }

        if (resource.HasGeneration)
        {
            metadata["generation"] = 1;
        }
    }

    /// <summary>Carries the server-owned fields over from <paramref name="current"/>.</summary>
    /// <exception cref="ApiException">400 when the body names another object than the URL.</exception>
    public static void OnUpdate(JsonObject current, JsonObject updated)
    {
        var metadata = Storage.StoredObject.Metadata(updated);
        if (ObjectMeta.Name(updated) is { } name && name != ObjectMeta.Name(current))
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({ObjectMeta.Name(current)})");
        }

        var currentMetadata = Storage.StoredObject.Metadata(current);
        foreach (var owned in KeptOnUpdate)
        {
            metadata[owned] = currentMetadata[owned]?.DeepClone();
            if (metadata[owned] is null)
            {
                metadata.Remove(owned);
            }
        }
    }

    /// <summary>metadata.generation counts spec changes, on the kinds that have one.</summary>
    public static void BumpGeneration(ResourceDefinition resource, JsonObject current, JsonObject updated)
    {
        if (resource.HasGeneration && !JsonNode.DeepEquals(current["spec"], updated["spec"]))
        {
            Storage.StoredObject.Metadata(updated)["generation"] = (Storage.StoredObject.Metadata(current)["generation"]?.GetValue<long>() ?? 0) + 1;
        }
    }
}
