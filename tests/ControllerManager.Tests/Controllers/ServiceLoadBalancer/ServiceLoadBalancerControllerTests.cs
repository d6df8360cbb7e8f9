using k8s;
using k8s.Models;
using Orchestrator.ControllerManager.Controllers.ServiceLoadBalancer;
using Orchestrator.Testing;

namespace Orchestrator.ControllerManager.Tests.Controllers.ServiceLoadBalancer;

public sealed class ServiceLoadBalancerControllerTests
{
    private static V1Service LoadBalancer(string name, string? requested = null, string? loadBalancerClass = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            LoadBalancerIP = requested,
            LoadBalancerClass = loadBalancerClass,
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
        },
    };

    private static async Task AddNodeAsync(IKubernetes client, string name, string ip, string ready = "True")
    {
        await client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = name } });
        await SetNodeAsync(client, name, ip, ready);
    }

    private static async Task SetNodeAsync(IKubernetes client, string name, string ip, string ready)
    {
        var node = await client.CoreV1.ReadNodeAsync(name);
        node.Status = new V1NodeStatus
        {
            Addresses = [new V1NodeAddress { Type = "InternalIP", Address = ip }],
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }],
        };
        await client.CoreV1.ReplaceNodeStatusAsync(node, name);
    }

    private static async Task<string> IngressAsync(IKubernetes client, string name)
    {
        var service = await client.CoreV1.ReadNamespacedServiceStatusAsync(name, "default");
        return string.Join(",", service.Status?.LoadBalancer?.Ingress?.Select(i => i.Ip + "/" + i.IpMode) ?? []);
    }

    private static Task<string> EventuallyIngressAsync(ControllerHarness harness, string name, Func<string, bool> condition, string what) =>
        harness.EventuallyAsync(() => IngressAsync(harness.Client, name), condition, what);

    [Fact]
    public async Task Nodes_mode_publishes_the_ready_nodes_addresses_and_follows_them()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new ServiceLoadBalancerController(c));
        var client = harness.Client;
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("early"), "default");
        await harness.EventuallyAsync(async () => (await harness.EventsAsync("UnAvailableLoadBalancer")).Count == 1, "a warning that no node can carry the load balancer");
        await AddNodeAsync(client, "node-b", "10.0.0.3");
        await AddNodeAsync(client, "node-a", "10.0.0.2");
        await AddNodeAsync(client, "node-c", "10.0.0.4", ready: "False");
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("web"), "default");

        await EventuallyIngressAsync(harness, "web", i => i == "10.0.0.2/VIP,10.0.0.3/VIP", "both ready nodes' addresses, sorted");
        await harness.EventuallyAsync(async () => (await harness.EventsAsync("EnsuredLoadBalancer")).Any(e => e.InvolvedObject.Name == "web"), "an EnsuredLoadBalancer event");
        Assert.Single(await harness.EventsAsync("EnsuringLoadBalancer"), e => e.InvolvedObject.Name == "web");
        await EventuallyIngressAsync(harness, "early", i => i == "10.0.0.2/VIP,10.0.0.3/VIP", "the service made before any node to get the nodes' addresses");

        await SetNodeAsync(client, "node-a", "10.0.0.2", "False");
        await SetNodeAsync(client, "node-c", "10.0.0.4", "True");
        await EventuallyIngressAsync(harness, "web", i => i == "10.0.0.3/VIP,10.0.0.4/VIP", "the addresses to follow node readiness");
    }

    [Fact]
    public async Task Pool_mode_gives_each_service_its_own_address_and_takes_it_back_on_delete_and_type_change()
    {
        var pool = AddressPool.Parse("192.168.50.10-192.168.50.11");
        await using var harness = await ControllerHarness.StartAsync(c => new ServiceLoadBalancerController(c, pool));
        var client = harness.Client;
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("first"), "default");
        await EventuallyIngressAsync(harness, "first", i => i == "192.168.50.10/VIP", "the first service gets the first address");
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("second"), "default");
        await EventuallyIngressAsync(harness, "second", i => i == "192.168.50.11/VIP", "the second service gets the other address");

        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("third"), "default");
        await harness.EventuallyAsync(async () => (await harness.EventsAsync("SyncLoadBalancerFailed")).Any(e => e.InvolvedObject.Name == "third"), "the exhausted pool is reported on the third service");
        Assert.Equal("", await IngressAsync(client, "third"));

        await client.CoreV1.DeleteNamespacedServiceAsync("first", "default");
        await EventuallyIngressAsync(harness, "third", i => i == "192.168.50.10/VIP", "the freed address goes to the waiting service");

        var second = await client.CoreV1.ReadNamespacedServiceAsync("second", "default");
        second.Spec.Type = "ClusterIP";
        foreach (var port in second.Spec.Ports)
        {
            port.NodePort = null;
        }

        second.Spec.ExternalTrafficPolicy = null;
        second.Spec.AllocateLoadBalancerNodePorts = null;
        await client.CoreV1.ReplaceNamespacedServiceAsync(second, "second", "default");
        await EventuallyIngressAsync(harness, "second", i => i.Length == 0, "the status of a service that is no longer a LoadBalancer to be cleared");
        // Events are recorded asynchronously: the cleared status can be seen before the event is.
        await harness.EventuallyAsync(async () => (await harness.EventsAsync("DeletedLoadBalancer")).Any(e => e.InvolvedObject.Name == "second"), "a DeletedLoadBalancer event for the service that left the type");
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("fourth"), "default");
        await EventuallyIngressAsync(harness, "fourth", i => i == "192.168.50.11/VIP", "the address given back on the type change is handed out again");
    }

    [Fact]
    public async Task A_restart_keeps_every_address_and_requested_addresses_are_honoured()
    {
        var pool = AddressPool.Parse("192.168.60.0/29");
        await using var harness = await ControllerHarness.StartAsync(c => new ServiceLoadBalancerController(c, pool));
        var client = harness.Client;
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("asked", requested: "192.168.60.5"), "default");
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("plain"), "default");
        await EventuallyIngressAsync(harness, "asked", i => i == "192.168.60.5/VIP", "the requested address");
        await EventuallyIngressAsync(harness, "plain", i => i == "192.168.60.0/VIP", "the first free address");

        await harness.RestartAsync(c => [new ServiceLoadBalancerController(c, AddressPool.Parse("192.168.60.0/29"))]);
        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("later"), "default");
        await EventuallyIngressAsync(harness, "later", i => i == "192.168.60.1/VIP", "a new service gets an address nobody held before the restart");
        Assert.Equal("192.168.60.5/VIP", await IngressAsync(client, "asked"));
        Assert.Equal("192.168.60.0/VIP", await IngressAsync(client, "plain"));

        await client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("clash", requested: "192.168.60.5"), "default");
        await harness.EventuallyAsync(
            async () => (await harness.EventsAsync("SyncLoadBalancerFailed")).Any(e => e.InvolvedObject.Name == "clash" && e.Message.Contains("already allocated to default/asked", StringComparison.Ordinal)),
            "a requested address held by another service is refused with an event");
        Assert.Equal("", await IngressAsync(client, "clash"));
    }

    [Fact]
    public async Task Kubectl_shows_the_pool_address_as_external_ip_and_a_classed_service_stays_pending()
    {
        await using var harness = await ControllerHarness.StartAsync(c => new ServiceLoadBalancerController(c, AddressPool.Parse("198.51.100.20/32")));
        var directory = Directory.CreateTempSubdirectory("orchestrator-lb-").FullName;
        try
        {
            using var kubectl = new Kubectl("1.33", Kubectl.WriteKubeconfig(directory, harness.Address.ToString()));

            // The classed service comes first: were it not skipped, it would take the pool's only address.
            await harness.Client.CoreV1.CreateNamespacedServiceAsync(LoadBalancer("elsewhere", loadBalancerClass: "example.com/lb"), "default");
            var created = await kubectl.RunAsync("create", "service", "loadbalancer", "web", "--tcp=80:8080");
            Assert.True(created.ExitCode == 0, created.ToString());

            await EventuallyIngressAsync(harness, "web", i => i == "198.51.100.20/VIP", "the pool's one address");
            var printed = await kubectl.RunAsync("get", "svc", "web", "elsewhere");
            Assert.True(printed.ExitCode == 0, printed.ToString());
            var lines = printed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE", lines[0]);
            Assert.Matches(@"^web\s+LoadBalancer\s+\S+\s+198\.51\.100\.20\s+80:\d+/TCP", lines.Single(l => l.StartsWith("web", StringComparison.Ordinal)));
            Assert.Matches(@"^elsewhere\s+LoadBalancer\s+\S+\s+<pending>\s", lines.Single(l => l.StartsWith("elsewhere", StringComparison.Ordinal)));
            Assert.DoesNotContain(await harness.EventsAsync("SyncLoadBalancerFailed"), e => e.InvolvedObject.Name == "elsewhere");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
