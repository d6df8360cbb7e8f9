namespace Orchestrator.Store;

/// <summary>A create found the key already present.</summary>
public sealed class StoreKeyExistsException(string key)
    : StoreException($"key \"{key}\" already exists")
{
    /// <summary>The key.</summary>
    public string Key { get; } = key;
}
