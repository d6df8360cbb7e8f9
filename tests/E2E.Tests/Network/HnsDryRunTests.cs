using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using Orchestrator.Client.Processes;

namespace Orchestrator.E2E.Tests.Network;

/// <summary>
/// <c>orchestrator proxy --mode hns --dry-run</c> against a live cluster of two hollow nodes: the HCN documents a
/// Windows node's proxy would program for a NodePort Service with two endpoints on each node.
/// </summary>
public sealed class HnsDryRunTests
{
    [Fact]
    public async Task Dry_run_prints_the_load_balancers_and_remote_endpoints_a_windows_node_would_program()
    {
        await using var server = await OrchestratorProcess.StartAsync(null, null, "--hollow-nodes", "2");
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.Kubeconfig));
        var nodes = await NodesWithPodCidrsAsync(client);
        var (local, remote) = (nodes[0], nodes[1]);
        var remoteAddress = remote.Status.Addresses.First(a => a.Type == "InternalIP").Address;
        string[] localIps = [PodIp(local, 5), PodIp(local, 6)];
        string[] remoteIps = [PodIp(remote, 7), PodIp(remote, 8)];

        var ns = "hns-" + Guid.NewGuid().ToString("N")[..6];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var service = await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1ServiceSpec { Type = "NodePort", Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
            },
            ns);
        await client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(
            new V1EndpointSlice
            {
                Metadata = new V1ObjectMeta { Name = "web-1", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
                AddressType = "IPv4",
                Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
                Endpoints =
                [
                    .. localIps.Select(ip => Endpoint(ip, local.Metadata.Name)),
                    .. remoteIps.Select(ip => Endpoint(ip, remote.Metadata.Name)),
                ],
            },
            ns);
        var kubeconfig = server.Kubeconfig;

        var json = await HostCommand.RunCheckedAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "proxy", "--mode", "hns", "--dry-run", "--node-name", local.Metadata.Name,
                "--kubeconfig", kubeconfig, "--network-type", "Overlay", "--network-name", "vxlan0", "--source-vip", PodIp(local, 2)]);

        using var document = JsonDocument.Parse(json);
        var endpoints = document.RootElement.GetProperty("endpoints").EnumerateArray()
            .ToDictionary(e => e.GetProperty("IpConfigurations")[0].GetProperty("IpAddress").GetString()!);
        foreach (var ip in localIps)
        {
            // CNI's endpoints: referenced, not created (no remote flag, no MAC of the proxy's making).
            Assert.False(endpoints[ip].TryGetProperty("Flags", out _), endpoints[ip].ToString());
        }

        foreach (var ip in remoteIps)
        {
            var endpoint = endpoints[ip];
            Assert.Equal(1, endpoint.GetProperty("Flags").GetInt32());
            Assert.Equal("02-11-" + string.Join('-', IPAddress.Parse(ip).GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))), endpoint.GetProperty("MacAddress").GetString());
            var policy = endpoint.GetProperty("Policies")[0];
            Assert.Equal("ProviderAddress", policy.GetProperty("Type").GetString());
            Assert.Equal(remoteAddress, policy.GetProperty("Settings").GetProperty("ProviderAddress").GetString());
        }

        var ids = localIps.Concat(remoteIps).Select(ip => endpoints[ip].GetProperty("ID").GetString()).ToHashSet();
        var nodePort = service.Spec.Ports[0].NodePort!.Value;
        var clusterIp = service.Spec.ClusterIP;
        var mine = document.RootElement.GetProperty("loadBalancers").EnumerateArray()
            .Where(lb => lb.GetProperty("HostComputeEndpoints").EnumerateArray().Any(e => ids.Contains(e.GetString())))
            .ToList();
        Assert.Equal(2, mine.Count);
        var byPort = mine.ToDictionary(lb => lb.GetProperty("PortMappings")[0].GetProperty("ExternalPort").GetInt32());

        var nodePortLb = byPort[nodePort];
        Assert.False(nodePortLb.TryGetProperty("FrontendVIPs", out _));
        Assert.Equal(18, nodePortLb.GetProperty("PortMappings")[0].GetProperty("Flags").GetInt32());
        Assert.Equal(6, nodePortLb.GetProperty("PortMappings")[0].GetProperty("Protocol").GetInt32());
        Assert.Equal(8080, nodePortLb.GetProperty("PortMappings")[0].GetProperty("InternalPort").GetInt32());
        Assert.Equal(ids, nodePortLb.GetProperty("HostComputeEndpoints").EnumerateArray().Select(e => e.GetString()).ToHashSet());
        Assert.Equal(PodIp(local, 2), nodePortLb.GetProperty("SourceVIP").GetString());

        var clusterLb = byPort[80];
        Assert.Equal(clusterIp, clusterLb.GetProperty("FrontendVIPs")[0].GetString());
        Assert.Equal(4, clusterLb.GetProperty("HostComputeEndpoints").GetArrayLength());
        var schema = clusterLb.GetProperty("SchemaVersion");
        Assert.Equal((2, 0), (schema.GetProperty("Major").GetInt32(), schema.GetProperty("Minor").GetInt32()));

        if (!OperatingSystem.IsWindows())
        {
            // Without --dry-run the mode needs computenetwork.dll: a clear error, not a crash.
            var real = await HostCommand.RunAsync(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                [Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), "proxy", "--mode", "hns", "--node-name", local.Metadata.Name, "--kubeconfig", kubeconfig, "--network-name", "cbr0"]);
            Assert.Equal(1, real.ExitCode);
            Assert.Contains("runs only on Windows", real.StandardError, StringComparison.Ordinal);
        }
    }

    /// <summary>The two hollow Nodes once the IPAM controller has given both a pod CIDR and they report an InternalIP.</summary>
    private static async Task<List<V1Node>> NodesWithPodCidrsAsync(IKubernetes client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var nodes = (await client.CoreV1.ListNodeAsync()).Items
                .Where(n => n.Spec?.PodCIDR is not null && n.Status?.Addresses?.Any(a => a.Type == "InternalIP") == true)
                .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
                .ToList();
            if (nodes.Count >= 2)
            {
                return nodes;
            }

            Assert.True(DateTime.UtcNow < deadline, "two hollow nodes with pod CIDRs and InternalIPs within 30 s");
            await Task.Delay(200);
        }
    }

    /// <summary>The address <paramref name="offset"/> into the Node's pod CIDR (e.g. 10.244.1.0/24, 5 → 10.244.1.5).</summary>
    private static string PodIp(V1Node node, int offset)
    {
        var bytes = IPAddress.Parse(node.Spec.PodCIDR.Split('/')[0]).GetAddressBytes();
        bytes[3] = (byte)(bytes[3] + offset);
        return new IPAddress(bytes).ToString();
    }

    private static V1Endpoint Endpoint(string ip, string nodeName) =>
        new() { Addresses = [ip], NodeName = nodeName, Conditions = new V1EndpointConditions { Ready = true } };
}
