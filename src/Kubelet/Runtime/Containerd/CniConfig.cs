using System.Security.Cryptography;

namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// The node's CNI network: a Linux bridge with host-local IPAM over the node's podCIDR, plus loopback
/// (cri-containerd.md §3). The bridge is the gateway (first address of the CIDR), so the host reaches pod IPs.
/// </summary>
public static class CniConfig
{
    public const string FileName = "10-orchestrator.conflist";
    private const string NetworkNamePrefix = "orchestrator-";
    private const int MaxInterfaceName = 15;

    /// <summary>A bridge name unique per state directory: <c>orc</c> + 8 hex digits of the path's SHA-256 (11 chars).</summary>
    public static string BridgeNameFor(string stateDir)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateDir))));
        return "orc" + Convert.ToHexStringLower(hash)[..8];
    }

    /// <summary>
    /// The CNI network name of the node whose bridge is <paramref name="bridgeName"/>: <c>orchestrator-&lt;bridge&gt;</c>.
    /// libcni caches results host-wide under /var/lib/cni/results/&lt;network&gt;-&lt;container&gt;-&lt;ifname&gt;, so nodes
    /// sharing a host (several node network namespaces) need distinct names to keep their entries apart.
    /// </summary>
    public static string NetworkNameFor(string bridgeName) => NetworkNamePrefix + bridgeName;

    /// <summary>Renders the conflist JSON for <paramref name="podCidr"/> on bridge <paramref name="bridgeName"/>.</summary>
    public static string Render(Ipv4Cidr podCidr, string bridgeName, string ipamDataDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(bridgeName);
        ArgumentException.ThrowIfNullOrEmpty(ipamDataDir);
        if (bridgeName.Length > MaxInterfaceName || bridgeName.Any(c => c is '/' or ' ' || char.IsControl(c)))
        {
            throw new ArgumentException($"bridge name '{bridgeName}' is not a valid interface name (at most {MaxInterfaceName} characters, no '/' or spaces)", nameof(bridgeName));
        }

        if (podCidr.PrefixLength > 30)
        {
            throw new ArgumentException($"pod CIDR {podCidr} is too small for a bridge network (want /30 or larger)", nameof(podCidr));
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("cniVersion", "0.4.0");
            json.WriteString("name", NetworkNameFor(bridgeName));
            json.WriteStartArray("plugins");
            json.WriteStartObject();
            json.WriteString("type", "bridge");
            json.WriteString("bridge", bridgeName);
            json.WriteBoolean("isGateway", true);
            json.WriteBoolean("ipMasq", false);
            json.WriteBoolean("hairpinMode", true);
            json.WriteStartObject("ipam");
            json.WriteString("type", "host-local");
            json.WriteString("dataDir", ipamDataDir);
            json.WriteStartArray("ranges");
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("subnet", podCidr.ToString());
            json.WriteString("gateway", podCidr.FirstHost);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("routes");
            json.WriteStartObject();
            json.WriteString("dst", "0.0.0.0/0");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "loopback");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Writes (or replaces) the conflist in <paramref name="confDir"/> atomically (temp file + rename);
    /// containerd watches the directory and reloads it. Returns the file's path.
    /// </summary>
    public static string Write(string confDir, Ipv4Cidr podCidr, string bridgeName, string ipamDataDir)
    {
        var content = Render(podCidr, bridgeName, ipamDataDir);
        Directory.CreateDirectory(confDir);
        var path = Path.Combine(confDir, FileName);
        // The temp name must not end in .conf/.conflist/.json, or containerd could load a half-written file.
        var temp = Path.Combine(confDir, $".{FileName}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
