namespace Orchestrator.ApiServer.Registry;

/// <summary>
/// The update rules of a subresource that speaks its parent's kind and writes one part of it: upstream's
/// subresource REST with its own strategy (pods/ephemeralcontainers and podEphemeralContainersStrategy).
/// Such a subresource is read, replaced and patched by the generic handlers like its parent; on every
/// write <see cref="RegistryRules"/> calls these instead of the kind's PrepareForUpdate and ValidateUpdate,
/// then the kind's defaulting and validation of the whole object. Implementations are stateless and thread-safe.
/// </summary>
internal interface ISubresourceStrategy
{
    /// <summary>
    /// Resets everything the subresource does not write to <paramref name="current"/> (the stored object,
    /// read-only), whatever <paramref name="updated"/> says: the result is the stored object with the
    /// subresource's part taken from the request.
    /// </summary>
    void PrepareForUpdate(JsonObject current, JsonObject updated);

    /// <summary>Adds one cause per change the subresource may not make; reported in one 422 with the kind's own validation.</summary>
    void ValidateUpdate(JsonObject current, JsonObject updated, List<StatusCause> causes);
}
