namespace Orchestrator.ApiServer.Registry.VersionConversion;

/// <summary>
/// Converts the objects of one resource between its storage version and one version it is also served in
/// (upstream's conversion functions for a built-in kind, a CustomResourceDefinition's conversion strategy).
/// Called on every path that reads or writes the served version: see <see cref="ObjectVersions"/>.
/// </summary>
/// <remarks>
/// Both directions are pure and thread-safe: the input may be a cached object shared by many readers and
/// must never be changed; the result is a new object with the target version's <c>kind</c> and
/// <c>apiVersion</c> first, and <c>metadata</c> (uid, resourceVersion, managedFields …) carried over,
/// because both versions are the same stored object. A body that cannot be converted throws an
/// <see cref="Errors.ApiException"/> (400), which the client gets as the answer to its request.
/// </remarks>
internal interface IVersionConverter
{
    /// <summary>The object of the storage version <paramref name="stored"/> as version <paramref name="served"/> shows it.</summary>
    JsonObject ToServed(JsonObject stored, ResourceDefinition served);

    /// <summary>The storage version (<paramref name="storage"/>) of an object a client sent in a served version.</summary>
    JsonObject ToStorage(JsonObject served, ResourceDefinition storage);
}
