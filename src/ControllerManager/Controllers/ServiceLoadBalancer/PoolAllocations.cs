namespace Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;

/// <summary>
/// Which Service holds which address of an <see cref="AddressPool"/>: at most one address per Service and
/// one Service per address. Not thread-safe; the controller serialises access.
/// </summary>
internal sealed class PoolAllocations(AddressPool pool)
{
    private readonly Dictionary<NamespacedName, string> _byService = [];
    private readonly Dictionary<string, NamespacedName> _byAddress = new(StringComparer.Ordinal);

    public AddressPool Pool { get; } = pool;

    public int Count => _byService.Count;

    /// <summary>The address <paramref name="service"/> holds, or null.</summary>
    public string? HeldBy(NamespacedName service) => _byService.GetValueOrDefault(service);

    /// <summary>The Service holding <paramref name="address"/>, or null when it is free.</summary>
    public NamespacedName? HolderOf(string address) => _byAddress.TryGetValue(address, out var holder) ? holder : null;

    /// <summary>The first address of the pool nobody holds, or null when every one is taken.</summary>
    public string? FirstFree() => Pool.Addresses().FirstOrDefault(a => !_byAddress.ContainsKey(a));

    /// <summary>Gives <paramref name="address"/> to <paramref name="service"/> (which gives back what it held); false when another Service holds it or it is not in the pool.</summary>
    public bool Claim(NamespacedName service, string address)
    {
        if (!Pool.Contains(address) || (HolderOf(address) is { } holder && holder != service))
        {
            return false;
        }

        Release(service);
        _byService[service] = address;
        _byAddress[address] = service;
        return true;
    }

    /// <summary>Frees what <paramref name="service"/> holds; returns the freed address, or null when it held none.</summary>
    public string? Release(NamespacedName service)
    {
        if (!_byService.Remove(service, out var address))
        {
            return null;
        }

        _byAddress.Remove(address);
        return address;
    }
}
