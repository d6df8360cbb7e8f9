using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.NodeOperatingSystem;
using Orchestrator.Scheduler.Plugins.NodePorts;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class NodePortsAndOsTests
{
    private static V1Pod WithPort(string name, int port, string? ip = null, string protocol = "TCP")
    {
        var pod = Make.Pod(name);
        pod.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = port, HostIP = ip, Protocol = protocol }];
        return pod;
    }

    [Theory]
    [InlineData(8080, null, "TCP", 8080, null, "TCP", false)]
    [InlineData(8080, null, "TCP", 8081, null, "TCP", true)]
    [InlineData(8080, null, "UDP", 8080, null, "TCP", true)]
    [InlineData(8080, "10.0.0.1", "TCP", 8080, "10.0.0.2", "TCP", true)]
    [InlineData(8080, "10.0.0.1", "TCP", 8080, "10.0.0.1", "TCP", false)]
    [InlineData(8080, "10.0.0.1", "TCP", 8080, null, "TCP", false)]
    public void Host_ports_conflict(int used, string? usedIp, string usedProto, int wanted, string? wantedIp, string wantedProto, bool fits)
    {
        var info = Make.Info(Make.Node(), WithPort("existing", used, usedIp, usedProto));
        var status = Make.Filter(new NodePorts(), WithPort("new", wanted, wantedIp, wantedProto), info);
        Assert.Equal(fits, status.IsSuccess);
        if (!fits)
        {
            Assert.Equal(StatusCode.Unschedulable, status.Code);
            Assert.Equal(["node(s) didn't have free ports for the requested pod ports"], status.Reasons);
        }
    }

    [Fact]
    public void Pods_without_host_ports_skip_the_filter()
    {
        var state = new CycleState();
        new NodePorts().PreFilter(state, new PodInfo(Make.Pod()), Snapshot.From([]));
        Assert.Contains(NodePorts.PluginName, state.SkipFilterPlugins);
    }

    [Theory]
    [InlineData(null, null, null, true)]
    [InlineData(null, null, "linux", true)]
    [InlineData(null, null, "windows", false)]
    [InlineData("windows", null, "windows", true)]
    [InlineData("windows", null, null, false)]
    [InlineData(null, "windows", "windows", true)]
    [InlineData(null, "linux", "windows", false)]
    [InlineData("linux", null, "linux", true)]
    public void Operating_system_must_match(string? podOs, string? selectorOs, string? nodeOs, bool fits)
    {
        var pod = Make.Pod();
        if (podOs is not null)
        {
            pod.Spec.Os = new V1PodOS { Name = podOs };
        }

        if (selectorOs is not null)
        {
            pod.Spec.NodeSelector = Make.Labels("kubernetes.io/os", selectorOs);
        }

        var node = Make.Node(labels: nodeOs is null ? null : Make.Labels("kubernetes.io/os", nodeOs));
        var status = Make.Filter(new NodeOperatingSystem(), pod, Make.Info(node));
        Assert.Equal(fits, status.IsSuccess);
        if (!fits)
        {
            Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
        }
    }
}
