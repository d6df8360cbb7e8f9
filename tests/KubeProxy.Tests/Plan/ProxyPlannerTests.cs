using Orchestrator.KubeProxy.Plan;

namespace Orchestrator.KubeProxy.Tests.Plan;

public class ProxyPlannerTests
{
    private static readonly ProxyNode Node = new("node-a", ["192.168.1.10"], "10.244.0.0/16");

    [Theory]
    [InlineData("None", "ClusterIP")]
    [InlineData("", "ClusterIP")]
    [InlineData("10.96.0.5", "ExternalName")]
    [InlineData("fd00::5", "ClusterIP")]
    public void Headless_ExternalName_and_IPv6_only_Services_get_no_rules(string clusterIp, string type)
    {
        var service = Service("web", clusterIp, type, Port("", 80));
        Assert.Empty(ProxyPlanner.ComputeProxyPlan([service], [Slice("web", "", Ep("10.244.1.5"))], Node).Services);
    }

    [Fact]
    public void Each_port_gets_a_plan_named_like_upstream_and_sorted()
    {
        var service = Service("web", "10.96.0.20", "ClusterIP", Port("https", 443), Port("http", 80, "UDP"));
        var plan = ProxyPlanner.ComputeProxyPlan([service, Service("api", "10.96.0.21", "ClusterIP", Port("", 80))], [], Node);

        Assert.Equal(["default/api", "default/web:http", "default/web:https"], plan.Services.Select(s => s.Name.ToString()));
        Assert.Equal("udp", plan.Services[1].Name.Protocol);
        Assert.Equal(80, plan.Services[1].Port);
    }

    [Fact]
    public void Endpoints_come_from_slices_of_the_service_matching_port_name_and_protocol()
    {
        var service = Service("web", "10.96.0.20", "ClusterIP", Port("http", 80));
        var slices = new[]
        {
            Slice("web", "http", Ep("10.244.1.5")),
            Slice("web", "other", Ep("10.244.1.6")),
            Slice("web", "http", "UDP", Ep("10.244.1.7")),
            Slice("api", "http", Ep("10.244.1.8")),
        };
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], slices, Node).Services);
        Assert.Equal(["10.244.1.5:8080"], port.ClusterEndpoints.Select(e => e.Address));
    }

    [Fact]
    public void Endpoints_in_two_slices_are_deduplicated_and_ordered()
    {
        var service = Service("web", "10.96.0.20", "ClusterIP", Port("", 80));
        var slices = new[] { Slice("web", "", Ep("10.244.2.7"), Ep("10.244.1.5")), Slice("web", "", Ep("10.244.1.5")) };
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], slices, Node).Services);
        Assert.Equal(["10.244.1.5:8080", "10.244.2.7:8080"], port.ClusterEndpoints.Select(e => e.Address));
    }

    // ready, serving, terminating of two endpoints → which IPs take cluster traffic.
    [Theory]
    [InlineData(true, true, false, false, false, true, "10.244.1.1")]
    [InlineData(false, true, true, true, true, false, "10.244.1.2")]
    [InlineData(false, true, true, false, true, true, "10.244.1.1,10.244.1.2")]
    [InlineData(false, false, true, false, false, true, "")]
    [InlineData(false, true, false, false, true, false, "")]
    public void Ready_endpoints_win_and_serving_terminating_ones_are_the_fallback(
        bool ready1, bool serving1, bool terminating1, bool ready2, bool serving2, bool terminating2, string expected)
    {
        var service = Service("web", "10.96.0.20", "ClusterIP", Port("", 80));
        var slice = Slice("web", "", Ep("10.244.1.1", ready: ready1, serving: serving1, terminating: terminating1),
            Ep("10.244.1.2", ready: ready2, serving: serving2, terminating: terminating2));
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], [slice], Node).Services);
        Assert.Equal(expected, string.Join(',', port.ClusterEndpoints.Select(e => e.Ip)));
    }

    [Fact]
    public void Unset_conditions_mean_ready_and_serving()
    {
        var endpoint = new V1Endpoint { Addresses = ["10.244.1.1"] };
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([Service("web", "10.96.0.20", "ClusterIP", Port("", 80))], [Slice("web", "", endpoint)], Node).Services);
        Assert.Equal(new EndpointPlan("10.244.1.1", 8080, false, true, true, false), Assert.Single(port.ClusterEndpoints));
    }

    [Fact]
    public void Internal_traffic_policy_Local_keeps_local_endpoints_only()
    {
        var service = Service("web", "10.96.0.20", "ClusterIP", Port("", 80));
        service.Spec.InternalTrafficPolicy = "Local";
        var slice = Slice("web", "", Ep("10.244.1.1", node: "node-a"), Ep("10.244.2.1", node: "node-b"));
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], [slice], Node).Services);
        Assert.True(port.InternalPolicyLocal);
        Assert.Equal(["10.244.1.1"], port.InternalEndpoints.Select(e => e.Ip));
        Assert.True(port.InternalEndpoints[0].IsLocal);
        Assert.Equal(["10.244.1.1", "10.244.2.1"], port.ClusterEndpoints.Select(e => e.Ip)); // the cluster's, for drop-vs-reject
        Assert.Equal(["10.244.1.1"], port.AllEndpoints.Select(e => e.Ip)); // no chains for endpoints no traffic reaches
    }

    [Fact]
    public void Internal_traffic_policy_Local_leaves_NodePort_traffic_to_every_endpoint()
    {
        var service = Service("web", "10.96.0.20", "NodePort", Port("", 80, nodePort: 30080));
        service.Spec.InternalTrafficPolicy = "Local";
        var slice = Slice("web", "", Ep("10.244.1.1", node: "node-a"), Ep("10.244.2.1", node: "node-b"));
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], [slice], Node).Services);
        Assert.Equal(["10.244.1.1"], port.InternalEndpoints.Select(e => e.Ip));
        Assert.Equal(["10.244.1.1", "10.244.2.1"], port.ExternalEndpoints.Select(e => e.Ip));
    }

    [Theory]
    [InlineData("LoadBalancer", true)]
    [InlineData("NodePort", true)]
    [InlineData("ClusterIP", false)]
    public void External_traffic_policy_Local_applies_to_externally_reachable_Services(string type, bool local)
    {
        var service = Service("web", "10.96.0.20", type, Port("", 80, nodePort: type == "ClusterIP" ? null : 30080));
        service.Spec.ExternalTrafficPolicy = "Local";
        var slice = Slice("web", "", Ep("10.244.1.1", node: "node-a"), Ep("10.244.2.1", node: "node-b"));
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], [slice], Node).Services);

        Assert.Equal(local, port.ExternalPolicyLocal);
        Assert.Equal(2, port.ClusterEndpoints.Count);
        Assert.Equal(local ? ["10.244.1.1"] : [], port.LocalEndpoints.Select(e => e.Ip));
        Assert.Equal(local ? 30080 : 0, port.NodePort);
    }

    [Theory]
    [InlineData(null, 10800)]
    [InlineData(600, 600)]
    public void Session_affinity_ClientIP_has_a_timeout_defaulting_to_three_hours(int? configured, int expected)
    {
        var service = Service("web", "10.96.0.20", "ClusterIP", Port("", 80));
        service.Spec.SessionAffinity = "ClientIP";
        service.Spec.SessionAffinityConfig = configured is null ? null : new V1SessionAffinityConfig { ClientIP = new V1ClientIPConfig { TimeoutSeconds = configured } };
        Assert.Equal(expected, Assert.Single(ProxyPlanner.ComputeProxyPlan([service], [], Node).Services).AffinityTimeoutSeconds);
    }

    [Fact]
    public void Without_affinity_there_is_no_timeout() =>
        Assert.Null(Assert.Single(ProxyPlanner.ComputeProxyPlan([Service("web", "10.96.0.20", "ClusterIP", Port("", 80))], [], Node).Services).AffinityTimeoutSeconds);

    [Fact]
    public void External_and_load_balancer_IPs_are_IPv4_only()
    {
        var service = Service("web", "10.96.0.20", "LoadBalancer", Port("", 80, nodePort: 31000));
        service.Spec.ExternalIPs = ["192.168.1.201", "fd00::1"];
        service.Status = new V1ServiceStatus
        {
            LoadBalancer = new V1LoadBalancerStatus { Ingress = [new V1LoadBalancerIngress { Ip = "192.168.1.200" }, new V1LoadBalancerIngress { Hostname = "lb.example" }] },
        };
        var port = Assert.Single(ProxyPlanner.ComputeProxyPlan([service], [], Node).Services);
        Assert.Equal(["192.168.1.201"], port.ExternalIps);
        Assert.Equal(["192.168.1.200"], port.LoadBalancerIps);
        Assert.Equal(31000, port.NodePort);
    }

    [Fact]
    public void The_plan_is_the_same_whatever_the_input_order()
    {
        var services = new[] { Service("b", "10.96.0.2", "ClusterIP", Port("", 80)), Service("a", "10.96.0.1", "ClusterIP", Port("", 80)) };
        var slices = new[] { Slice("a", "", Ep("10.244.1.2")), Slice("a", "", Ep("10.244.1.1")) };
        var forward = ProxyPlanner.ComputeProxyPlan(services, slices, Node);
        var backward = ProxyPlanner.ComputeProxyPlan(services.Reverse(), slices.Reverse(), Node);
        Assert.Equal(forward.Services.Count, backward.Services.Count);
        Assert.All(forward.Services.Zip(backward.Services), pair => Assert.True(PlanEquality.SamePort(pair.First, pair.Second)));
    }

    private static V1Service Service(string name, string clusterIp, string type, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { ClusterIP = clusterIp, Type = type, Ports = ports },
    };

    private static V1ServicePort Port(string name, int port, string protocol = "TCP", int? nodePort = null) =>
        new() { Name = name.Length == 0 ? null : name, Port = port, Protocol = protocol, NodePort = nodePort };

    private static V1EndpointSlice Slice(string service, string portName, params V1Endpoint[] endpoints) => Slice(service, portName, "TCP", endpoints);

    private static int sliceCounter;

    private static V1EndpointSlice Slice(string service, string portName, string protocol, params V1Endpoint[] endpoints) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"{service}-{Interlocked.Increment(ref sliceCounter)}",
            NamespaceProperty = "default",
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
        },
        AddressType = "IPv4",
        Endpoints = endpoints,
        Ports = [new Discoveryv1EndpointPort { Name = portName, Port = 8080, Protocol = protocol }],
    };

    private static V1Endpoint Ep(string ip, bool ready = true, bool serving = true, bool terminating = false, string? node = null) => new()
    {
        Addresses = [ip],
        NodeName = node,
        Conditions = new V1EndpointConditions { Ready = ready, Serving = serving, Terminating = terminating },
    };
}
