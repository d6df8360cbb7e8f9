namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Creates one object: the one path of POST, of server-side apply to a missing object and of a PUT
/// that creates (<see cref="IResourceStrategy.AllowCreateOnUpdate"/>), so no way of creating can skip a
/// step. In order: the name from the URL, <see cref="RegistryRules.PrepareCreate"/> (metadata, the kind's
/// rules, admission, validation), managed fields, what the kind reserves
/// (<see cref="IResourceStrategy.BeforeCreateAsync"/>, given back when the store refuses), the store.
/// </summary>
internal sealed class ObjectCreator(IStore store, RegistryRules rules, ServiceAllocator allocator, TimeProvider time)
{
    /// <summary>
    /// Prepares and stores <paramref name="body"/> (changed in place); returns it with its resourceVersion,
    /// or on a dry run as it would be stored, without storing or reserving anything.
    /// </summary>
    /// <param name="request">
    /// Where the object goes; a request that names the object (apply, PUT) gives it that name. <paramref name="body"/> is in
    /// the storage version of <c>request.Resource</c> (<see cref="ResourceDefinition.Storage"/>), and so is the answer;
    /// managed fields are recorded in the request's version, as is an apply configuration.
    /// </param>
    /// <param name="owner">The field manager the new fields are recorded for.</param>
    /// <param name="applyConfiguration">The configuration of a server-side apply, recorded as the owner's Apply entry; null records an Update entry.</param>
    /// <exception cref="ApiException">
    /// 400 when the body names another object than the URL, 409 AlreadyExists when the object exists,
    /// 422 for an invalid object or a value the kind cannot reserve, or an admission plugin's rejection.
    /// </exception>
    public async Task<JsonObject> CreateAsync(ResourceRequest request, JsonObject body, FieldOwner owner, JsonObject? applyConfiguration, bool dryRun, CancellationToken cancellationToken) =>
        (await CreateWithJsonAsync(request, body, owner, applyConfiguration, dryRun, cancellationToken)).Object;

    /// <summary>
    /// <see cref="CreateAsync"/>, also giving the stored bytes when the answer in the request's version is those bytes with the
    /// resourceVersion put in (no version conversion, the body's type meta already the resource's); otherwise they are
    /// null and the caller serializes the object. Either way the client gets the same bytes.
    /// </summary>
    public async Task<CreatedObject> CreateWithJsonAsync(ResourceRequest request, JsonObject body, FieldOwner owner, JsonObject? applyConfiguration, bool dryRun, CancellationToken cancellationToken)
    {
        var resource = request.Resource.Storage;
        if (resource.Custom is { Terminating: true })
        {
            // Upstream's crdHandler: the CRD's objects are being deleted, so no new one may appear.
            throw new ApiException(405, "MethodNotAllowed", "create not allowed while custom resource definition is terminating");
        }

        if (request.Name is { } urlName)
        {
            if (ObjectMeta.Name(body) is { } bodyName && bodyName != urlName)
            {
                throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({urlName})");
            }

            StoredObject.Metadata(body)["name"] = urlName;
        }

        rules.PrepareCreate(resource, body, request.Namespace, dryRun, request.User);
        var name = ObjectMeta.Name(body)!;
        var served = request.Resource;
        if (applyConfiguration is null)
        {
            ObjectVersions.RecordFields(served, body, view => FieldManager.RecordCreate(served, view, owner, ObjectMeta.Now(time)));
        }
        else
        {
            ObjectVersions.RecordFields(served, body, view => FieldManager.RecordApplyCreate(served, view, applyConfiguration, owner, ObjectMeta.Now(time)));
        }

        var key = ObjectKeys.Item(resource, ObjectMeta.Namespace(body), name);
        if (dryRun)
        {
            return await store.GetAsync(key, cancellationToken) is null ? new CreatedObject(body, null, 0) : throw ApiErrors.AlreadyExists(resource, name);
        }

        KeyValue created;
        EncodedObject encoded;
        try
        {
            (created, encoded) = await StoreAsync(resource, key, body, cancellationToken);
        }
        catch (StoreKeyExistsException)
        {
            throw ApiErrors.AlreadyExists(resource, name);
        }

        // Decided before resourceVersion and the type meta are set below: the stored bytes are the answer when neither moves a field.
        EncodedObject? answer = served.StoredAs is null && HasTypeMeta(resource, body) && !StoredObject.Metadata(body).ContainsKey("resourceVersion") ? encoded : null;
        ObjectMeta.Set(body, "resourceVersion", created.ModRevision.ToString(CultureInfo.InvariantCulture));
        return new CreatedObject(Responses.WithTypeMeta(resource, body), answer, created.ModRevision);
    }

    private static bool HasTypeMeta(ResourceDefinition resource, JsonObject body) =>
        body["kind"] is JsonValue kind && kind.TryGetValue<string>(out var kindText) && kindText == resource.Kind &&
        body["apiVersion"] is JsonValue apiVersion && apiVersion.TryGetValue<string>(out var apiVersionText) && apiVersionText == resource.ApiVersion;

    /// <summary>Reserves what the kind claims, then stores; a refused create gives the reservation back.</summary>
    private async Task<(KeyValue Created, EncodedObject Encoded)> StoreAsync(ResourceDefinition resource, string key, JsonObject body, CancellationToken cancellationToken)
    {
        var strategy = resource.Strategy;
        await strategy.BeforeCreateAsync(body, allocator, cancellationToken);
        try
        {
            var encoded = StoredObject.EncodeWithMetadataEnd(body);
            return (await store.CreateAsync(key, encoded.Value, null, cancellationToken), encoded);
        }
        catch
        {
            // Not cancelled with the request: what was reserved must go back even when the client left.
            await strategy.AfterDeleteAsync(body, allocator, CancellationToken.None);
            throw;
        }
    }
}
