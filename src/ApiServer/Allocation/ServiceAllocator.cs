namespace Orchestrator.ApiServer.Allocation;

/// <summary>
/// Allocates Service cluster IPs from 10.96.0.0/12 and node ports from 30000–32767 without
/// duplicates, even across API server replicas: each allocation is a key created in the store,
/// which fails if another request took it first (the role upstream's IPAddress objects play).
/// </summary>
internal sealed class ServiceAllocator(IStore store)
{
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;

    private const string IpPrefix = "/registry/allocations/serviceips/";
    private const string PortPrefix = "/registry/allocations/nodeports/";
    private static readonly uint RangeStart = ToUInt(IPAddress.Parse("10.96.0.0"));
    private static readonly uint RangeSize = 1u << 20;

    /// <summary>Fills in and reserves spec.clusterIP(s) and node ports; throws 422 when a requested one is taken or invalid.</summary>
    public async Task AllocateAsync(JsonObject service, CancellationToken cancellationToken)
    {
        var name = Objects.ObjectMeta.Name(service) ?? "";
        var spec = service["spec"] as JsonObject ?? [];
        service["spec"] = spec;
        var type = spec["type"]?.GetValue<string>() ?? "ClusterIP";
        if (type != "ExternalName" && spec["clusterIP"]?.GetValue<string>() is not "None")
        {
            var ip = spec["clusterIP"]?.GetValue<string>() is { Length: > 0 } requested
                ? await ReserveIpAsync(name, requested, cancellationToken)
                : await NextIpAsync(cancellationToken);
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        if (type is "NodePort" or "LoadBalancer" && spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["nodePort"] = port["nodePort"] switch
                {
                    null => await NextPortAsync(cancellationToken),
                    JsonValue v when v.TryGetValue<int>(out var requested) && requested > 0 => await ReservePortAsync(name, requested, cancellationToken),
                    JsonValue v when v.TryGetValue<int>(out var zero) && zero == 0 => await NextPortAsync(cancellationToken),
                    var other => throw Invalid(name, "spec.ports[0].nodePort", other.ToJsonString(), $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}"),
                };
            }
        }
    }

    /// <summary>Marks a fixed address (the kubernetes Service's) as taken; idempotent.</summary>
    public Task ReserveFixedIpAsync(string ip, CancellationToken cancellationToken) => TryReserveAsync(IpPrefix + ip, cancellationToken);

    /// <summary>Returns the Service's cluster IP and node ports to the pool (after it is deleted, or its create failed).</summary>
    public async Task ReleaseAsync(JsonObject service, CancellationToken cancellationToken)
    {
        if (service["spec"]?["clusterIP"]?.GetValue<string>() is { Length: > 0 } ip && ip != "None")
        {
            await ReleaseKeyAsync(IpPrefix + ip, cancellationToken);
        }

        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (port["nodePort"] is JsonValue value && value.TryGetValue<int>(out var nodePort) && nodePort > 0)
            {
                await ReleaseKeyAsync(PortPrefix + nodePort, cancellationToken);
            }
        }
    }

    private async Task<string> ReserveIpAsync(string name, string requested, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(requested, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || ToUInt(address) - RangeStart >= RangeSize)
        {
            throw Invalid(name, "spec.clusterIPs", requested, "failed to allocate IP " + requested + ": the provided IP (" + requested + ") is not in the valid range. The range of valid IPs is 10.96.0.0/12");
        }

        return await TryReserveAsync(IpPrefix + requested, cancellationToken)
            ? requested
            : throw Invalid(name, "spec.clusterIPs", requested, $"failed to allocate IP {requested}: provided IP is already allocated");
    }

    private async Task<int> ReservePortAsync(string name, int requested, CancellationToken cancellationToken)
    {
        if (requested is < NodePortMin or > NodePortMax)
        {
            throw Invalid(name, "spec.ports[0].nodePort", requested.ToString(System.Globalization.CultureInfo.InvariantCulture), $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}");
        }

        return await TryReserveAsync(PortPrefix + requested, cancellationToken)
            ? requested
            : throw Invalid(name, "spec.ports[0].nodePort", requested.ToString(System.Globalization.CultureInfo.InvariantCulture), "provided port is already allocated");
    }

    private async Task<string> NextIpAsync(CancellationToken cancellationToken)
    {
        // Random probing spreads concurrent allocators; .0 (network) and .1 (the kubernetes Service) are skipped.
        for (var attempt = 0; attempt < 4096; attempt++)
        {
            var candidate = FromUInt(RangeStart + 2 + (uint)Random.Shared.NextInt64(RangeSize - 3));
            if (await TryReserveAsync(IpPrefix + candidate, cancellationToken))
            {
                return candidate;
            }
        }

        throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    private async Task<int> NextPortAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 4096; attempt++)
        {
            var candidate = Random.Shared.Next(NodePortMin, NodePortMax + 1);
            if (await TryReserveAsync(PortPrefix + candidate, cancellationToken))
            {
                return candidate;
            }
        }

        throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a nodePort: range is full");
    }

    private async Task<bool> TryReserveAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(key, "{}"u8.ToArray(), null, cancellationToken);
            return true;
        }
        catch (StoreKeyExistsException)
        {
            return false;
        }
    }

    private async Task ReleaseKeyAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(key, null, cancellationToken);
        }
        catch (StoreKeyNotFoundException)
        {
            // Already released.
        }
    }

    private static ApiException Invalid(string name, string field, string value, string message) =>
        ApiErrors.Invalid("", "Service", name, [new StatusCause("FieldValueInvalid", $"Invalid value: \"{value}\": {message}", field)]);

    private static uint ToUInt(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static string FromUInt(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
}
