namespace Orchestrator.ApiServer.Authentication;

/// <summary>
/// Reads the core objects credentials are checked against (service accounts, pods, secrets, nodes)
/// as upstream's token getter does: through <see cref="IObjectLookup"/> (the watch cache, the store
/// when the cache does not have the object yet); <c>fromStore</c> reads the store only, where the
/// answer must be current (TokenRequest, as upstream's registry GET). The objects returned are
/// shared and read-only.
/// </summary>
internal sealed class CredentialObjects(IStore store, ResourceRegistry registry, IObjectLookup lookup)
{
    private readonly ResourceDefinition _serviceAccounts = Core(registry, "serviceaccounts");
    private readonly ResourceDefinition _pods = Core(registry, "pods");
    private readonly ResourceDefinition _secrets = Core(registry, "secrets");
    private readonly ResourceDefinition _nodes = Core(registry, "nodes");

    public ValueTask<JsonObject?> ServiceAccountAsync(string ns, string name, CancellationToken cancellationToken, bool fromStore = false) => GetAsync(_serviceAccounts, ns, name, cancellationToken, fromStore);

    public ValueTask<JsonObject?> PodAsync(string ns, string name, CancellationToken cancellationToken, bool fromStore = false) => GetAsync(_pods, ns, name, cancellationToken, fromStore);

    public ValueTask<JsonObject?> SecretAsync(string ns, string name, CancellationToken cancellationToken, bool fromStore = false) => GetAsync(_secrets, ns, name, cancellationToken, fromStore);

    public ValueTask<JsonObject?> NodeAsync(string name, CancellationToken cancellationToken, bool fromStore = false) => GetAsync(_nodes, null, name, cancellationToken, fromStore);

    /// <summary>The object's <c>metadata.uid</c> ("" when absent).</summary>
    public static string UidOf(JsonObject obj) => obj["metadata"]?["uid"]?.GetValue<string>() ?? "";

    /// <summary>The object's <c>metadata.deletionTimestamp</c>, when it is being deleted.</summary>
    public static DateTimeOffset? DeletionTimestampOf(JsonObject obj) =>
        obj["metadata"]?["deletionTimestamp"]?.GetValue<string>() is { } text
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var when)
            ? when
            : null;

    private async ValueTask<JsonObject?> GetAsync(ResourceDefinition resource, string? ns, string name, CancellationToken cancellationToken, bool fromStore)
    {
        if (!fromStore)
        {
            return lookup.Find(resource, ns, name);
        }

        return await store.GetAsync(ObjectKeys.Item(resource, ns, name), cancellationToken) is { } stored ? StoredObject.Decode(stored) : null;
    }

    private static ResourceDefinition Core(ResourceRegistry registry, string plural) =>
        registry.Find("", "v1", plural) ?? throw new InvalidOperationException($"core/v1 {plural} is not registered");
}
