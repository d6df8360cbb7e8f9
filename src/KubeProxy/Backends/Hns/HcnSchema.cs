using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// HCN v2 documents as hcsshim's Go structs serialize them: keys are the Go field names, every field is
/// <c>omitempty</c> (zero numbers, empty strings and empty lists are left out; lists are null when empty), and every
/// object carries <c>"SchemaVersion":{"Major":2,"Minor":0}</c>. Property order is the Go struct's field order.
/// </summary>
public sealed record HcnSchemaVersion(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int Major,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int Minor)
{
    public static HcnSchemaVersion V2 { get; } = new(2, 0);
}

/// <summary>hcsshim's HostComputeLoadBalancer.</summary>
public sealed record HcnLoadBalancer
{
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    /// <summary>Backend HNS endpoint GUIDs.</summary>
    public IReadOnlyList<string>? HostComputeEndpoints { get; init; }

    [JsonPropertyName("SourceVIP")]
    public string? SourceVip { get; init; }

    [JsonPropertyName("FrontendVIPs")]
    public IReadOnlyList<string>? FrontendVips { get; init; }

    public IReadOnlyList<HcnPortMapping>? PortMappings { get; init; }

    public HcnSchemaVersion SchemaVersion { get; init; } = HcnSchemaVersion.V2;

    /// <summary>0 none, 1 EnableDirectServerReturn, 2 IPv6 (<see cref="HcnFlags"/>).</summary>
    public uint Flags { get; init; }
}

/// <summary>hcsshim's LoadBalancerPortMapping.</summary>
public sealed record HcnPortMapping
{
    /// <summary>6 TCP, 17 UDP, 132 SCTP.</summary>
    public uint Protocol { get; init; }

    public ushort InternalPort { get; init; }

    public ushort ExternalPort { get; init; }

    /// <summary>0 per connection, 1 SourceIPProtocol, 2 SourceIP (ClientIP affinity).</summary>
    public uint DistributionType { get; init; }

    /// <summary>Bit mask: 1 ILB, 2 LocalRoutedVIP, 4 UseMux, 8 PreserveDIP, 16 VipExternalIP.</summary>
    public uint Flags { get; init; }
}

/// <summary>hcsshim's HostComputeEndpoint (the fields kube-proxy reads or writes).</summary>
public sealed record HcnEndpoint
{
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The network GUID.</summary>
    public string? HostComputeNetwork { get; init; }

    public IReadOnlyList<HcnPolicy>? Policies { get; init; }

    public IReadOnlyList<HcnIpConfig>? IpConfigurations { get; init; }

    public string? MacAddress { get; init; }

    /// <summary>1 = RemoteEndpoint.</summary>
    public uint Flags { get; init; }

    public HcnSchemaVersion SchemaVersion { get; init; } = HcnSchemaVersion.V2;

    /// <summary>The first IP configuration's address (HNS endpoints of pods have exactly one per family).</summary>
    [JsonIgnore]
    public string? IpAddress => IpConfigurations is [var first, ..] ? first.IpAddress : null;

    [JsonIgnore]
    public bool IsRemote => (Flags & HcnFlags.EndpointRemote) != 0;
}

/// <summary>hcsshim's IpConfig.</summary>
public sealed record HcnIpConfig(string IpAddress)
{
    public byte PrefixLength { get; init; }
}

/// <summary>An endpoint or network policy: <c>{"Type": "...", "Settings": {...}}</c>.</summary>
public sealed record HcnPolicy(string Type, JsonElement? Settings = null);

/// <summary>hcsshim's HostComputeNetwork (the fields kube-proxy reads).</summary>
public sealed record HcnNetwork
{
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary><c>L2Bridge</c>, <c>Overlay</c>, <c>NAT</c>, …</summary>
    public string? Type { get; init; }

    public IReadOnlyList<HcnPolicy>? Policies { get; init; }

    public HcnSchemaVersion SchemaVersion { get; init; } = HcnSchemaVersion.V2;
}

/// <summary>hcsshim's HostComputeQuery: <c>Filter</c> is a string that itself holds JSON.</summary>
public sealed record HcnQuery
{
    public HcnSchemaVersion SchemaVersion { get; init; } = HcnSchemaVersion.V2;

    /// <summary>0 none, 1 detailed.</summary>
    public uint Flags { get; init; } = 1;

    public string? Filter { get; init; }

    /// <summary>The detailed query of one object by GUID: <c>Filter = {"ID":"…"}</c>.</summary>
    public static HcnQuery ById(string id) => new() { Filter = HcnJson.Serialize(new Dictionary<string, string> { ["ID"] = id }) };

    /// <summary>The detailed query of a network by name: <c>Filter = {"Name":"…"}</c>.</summary>
    public static HcnQuery ByName(string name) => new() { Filter = HcnJson.Serialize(new Dictionary<string, string> { ["Name"] = name }) };

    /// <summary>The detailed query of the endpoints of a network: <c>Filter = {"VirtualNetwork":"…"}</c>.</summary>
    public static HcnQuery ByNetwork(string networkId) => new() { Filter = HcnJson.Serialize(new Dictionary<string, string> { ["VirtualNetwork"] = networkId }) };

    /// <summary>Every object, detailed, no filter.</summary>
    public static HcnQuery All { get; } = new();
}

/// <summary>Flag values of the HCN schema and kube-proxy.</summary>
public static class HcnFlags
{
    public const uint LoadBalancerDsr = 1;
    public const uint LoadBalancerIpv6 = 2;
    public const uint PortMappingIlb = 1;
    public const uint PortMappingLocalRoutedVip = 2;
    public const uint PortMappingUseMux = 4;
    public const uint PortMappingPreserveDip = 8;

    /// <summary>kube-proxy's own constant (not in hcsshim).</summary>
    public const uint PortMappingVipExternalIp = 16;

    public const uint DistributionSourceIp = 2;
    public const uint EndpointRemote = 1;

    /// <summary>kube-proxy's <c>Protocol.Enum()</c>.</summary>
    public static uint Protocol(string protocol) => protocol.ToLowerInvariant() switch
    {
        "tcp" => 6,
        "udp" => 17,
        "sctp" => 132,
        _ => throw new ArgumentException($"protocol '{protocol}' has no HNS number"),
    };
}

/// <summary>The one JSON setting HCN documents are read and written with (Go's encoding/json with omitempty).</summary>
public static class HcnJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"HCN returned null for a {typeof(T).Name}");

    /// <summary>A list as omitempty writes it: null when empty.</summary>
    public static IReadOnlyList<T>? OrNull<T>(IReadOnlyList<T> list) => list.Count == 0 ? null : list;
}
