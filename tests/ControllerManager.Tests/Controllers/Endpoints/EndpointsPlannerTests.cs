using k8s.Models;
using Orchestrator.ControllerManager.Controllers.Endpoints;
using static Orchestrator.ControllerManager.Tests.Controllers.Endpoints.ServiceFixtures;

namespace Orchestrator.ControllerManager.Tests.Controllers.Endpoints;

public sealed class EndpointsPlannerTests
{
    // Pods as "name:ready(1/0):state"; expected "ready ips|not-ready ips".
    [Theory]
    [InlineData("a:1:running,b:1:running", false, "10.0.0.1,10.0.0.2|")]
    [InlineData("a:1:running,b:0:running", false, "10.0.0.1|10.0.0.2")]
    [InlineData("a:1:running,b:1:terminating", false, "10.0.0.1|")]
    [InlineData("a:1:running,b:0:terminating", true, "10.0.0.1,10.0.0.2|")]
    [InlineData("a:0:running", true, "10.0.0.1|")]
    [InlineData("a:1:succeeded,b:1:noip,c:1:other-app", false, "|")]
    public void Pods_split_into_ready_and_not_ready_addresses(string pods, bool publishNotReady, string expected)
    {
        var list = pods.Split(',').Select((p, i) => p.Split(':')).Select((p, i) => Pod(p[0], $"10.0.0.{i + 1}", p[1] == "1", p[2]));

        var subsets = EndpointsPlanner.Subsets(Service(publishNotReady: publishNotReady), list);

        var ready = subsets.SelectMany(s => s.Addresses ?? []).Select(a => a.Ip);
        var notReady = subsets.SelectMany(s => s.NotReadyAddresses ?? []).Select(a => a.Ip);
        Assert.Equal(expected, string.Join(',', ready) + "|" + string.Join(',', notReady));
    }

    [Theory]
    [InlineData("http", 8080)]  // named: resolved from the container port
    [InlineData("9090", 9090)]  // numeric: as is
    public void Target_ports_resolve_by_name_or_number(string targetPort, int expected)
    {
        var subsets = EndpointsPlanner.Subsets(Service(targetPort), [Pod("a", "10.0.0.1", true)]);

        var port = Assert.Single(Assert.Single(subsets).Ports);
        Assert.Equal(("http", expected, "TCP"), (port.Name, port.Port, port.Protocol));
    }

    [Fact]
    public void A_pod_without_the_named_port_is_left_out()
    {
        var service = Service("metrics");

        Assert.Empty(EndpointsPlanner.Subsets(service, [Pod("a", "10.0.0.1", true)]));
    }

    [Fact]
    public void Pods_with_different_resolved_ports_get_separate_subsets_and_addresses_name_their_pod()
    {
        var subsets = EndpointsPlanner.Subsets(Service(), [Pod("a", "10.0.0.1", true, containerPort: 8080), Pod("b", "10.0.0.2", true, containerPort: 8081)]);

        Assert.Equal(2, subsets.Count);
        var address = subsets.SelectMany(s => s.Addresses).Single(a => a.Ip == "10.0.0.1");
        Assert.Equal(("Pod", "ns", "a", "uid-a", "node-1"), (address.TargetRef.Kind, address.TargetRef.NamespaceProperty, address.TargetRef.Name, address.TargetRef.Uid, address.NodeName));
    }

    [Theory]
    [InlineData("default", "kubernetes", true, false)]
    [InlineData("ns", "kubernetes", true, true)]
    [InlineData("ns", "web", false, false)]
    [InlineData("ns", "web", true, true)]
    public void Only_services_with_selectors_other_than_the_apiserver_one_are_managed(string ns, string name, bool withSelector, bool expected)
    {
        var service = Service(name: name, ns: ns);
        if (!withSelector)
        {
            service.Spec.Selector = null;
        }

        Assert.Equal(expected, ServicePods.IsManaged(service));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("10.96.0.10", false)]
    [InlineData("None", true)]
    public void Headless_services_mark_their_endpoints(string? clusterIp, bool headless)
    {
        var service = Service();
        service.Spec.ClusterIP = clusterIp;

        var labels = ServicePods.Labels(service);

        Assert.Equal(headless, labels.ContainsKey(ServicePods.HeadlessLabel));
        Assert.Equal("a", labels["team"]);
    }
}
