using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.NodeResourcesBalancedAllocation;
using Orchestrator.Scheduler.Plugins.NodeResourcesFit;

namespace Orchestrator.Scheduler.Tests.Plugins;

public class NodeResourcesFitTests
{
    [Theory]
    [InlineData("fits", "1", "1Gi", "4", "8Gi", "110", 0, null)]
    [InlineData("cpu", "5", "1Gi", "4", "8Gi", "110", 0, "Insufficient cpu")]
    [InlineData("memory", "1", "9Gi", "4", "8Gi", "110", 0, "Insufficient memory")]
    [InlineData("cpu used by existing", "2", null, "4", "8Gi", "110", 3, "Insufficient cpu")]
    [InlineData("too many pods", "100m", null, "4", "8Gi", "2", 2, "Too many pods")]
    [InlineData("exactly full", "1", null, "4", "8Gi", "110", 3, null)]
    public void Filter(string name, string cpu, string? memory, string nodeCpu, string nodeMemory, string nodePods, int existing, string? reason)
    {
        var node = Make.Node(cpu: nodeCpu, memory: nodeMemory, pods: nodePods);
        var pods = Enumerable.Range(0, existing).Select(i => Make.Pod($"e{i}", cpu: "1")).ToArray();
        var status = Make.Filter(new NodeResourcesFit(), Make.Pod(cpu: cpu, memory: memory), Make.Info(node, pods));
        Assert.True(reason is null == status.IsSuccess, name);
        if (reason is not null)
        {
            Assert.Equal(StatusCode.Unschedulable, status.Code);
            Assert.Contains(reason, status.Reasons);
        }
    }

    [Fact]
    public void Filter_reports_every_insufficient_resource()
    {
        var status = Make.Filter(new NodeResourcesFit(), Make.Pod(cpu: "8", memory: "16Gi"), Make.Info(Make.Node()));
        Assert.Equal(["Insufficient cpu", "Insufficient memory"], status.Reasons);
    }

    [Fact]
    public void Init_containers_count_by_the_max_rule_and_sidecars_add_up()
    {
        var spec = new V1PodSpec
        {
            Containers = [Container("1", "1Gi"), Container("500m", "1Gi")],
            InitContainers = [Container("3", "500Mi"), Container("200m", "4Gi")],
        };
        var r = PodInfo.ComputeRequests(spec, nonZero: false);
        Assert.Equal(3000, r.MilliCpu);
        Assert.Equal(4L * 1024 * 1024 * 1024, r.Memory);

        var sidecar = Container("1", "1Gi");
        sidecar.RestartPolicy = "Always";
        spec.InitContainers = [sidecar, Container("2", "100Mi")];
        r = PodInfo.ComputeRequests(spec, nonZero: false);
        Assert.Equal(3000, r.MilliCpu); // max(1.5 + 1 sidecar, 2 + 1 sidecar)
        Assert.Equal(3L * 1024 * 1024 * 1024, r.Memory);
    }

    [Fact]
    public void Overhead_is_added()
    {
        var spec = new V1PodSpec { Containers = [Container("1", "1Gi")], Overhead = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m") } };
        Assert.Equal(1250, PodInfo.ComputeRequests(spec, nonZero: false).MilliCpu);
    }

    [Fact]
    public void Extended_resources_are_checked()
    {
        var pod = Make.Pod();
        pod.Spec.Containers[0].Resources.Requests["nvidia.com/gpu"] = new ResourceQuantity("1");
        var status = Make.Filter(new NodeResourcesFit(), pod, Make.Info(Make.Node()));
        Assert.Equal(["Insufficient nvidia.com/gpu"], status.Reasons);
    }

    [Theory]
    [InlineData(0, 0, 100)]
    [InlineData(2000, 4096, 50)]
    [InlineData(4000, 8192, 0)]
    public void LeastAllocated_score(long usedMilli, long usedMi, long expected)
    {
        var node = Make.Node(cpu: "4", memory: "8Gi");
        var existing = Make.Pod("e", cpu: $"{usedMilli}m", memory: $"{usedMi}Mi");
        var pod = Make.Pod(cpu: "0", memory: "0");
        var info = usedMilli == 0 ? Make.Info(node) : Make.Info(node, existing);
        Assert.Equal(expected, new NodeResourcesFit().Score(new CycleState(), pod, info));
    }

    [Fact]
    public void Pods_without_requests_score_with_upstream_non_zero_defaults()
    {
        var info = Make.Info(Make.Node(cpu: "1", memory: "1000Mi"));
        // 100m of 1000m used -> 90; 200MB of 1000Mi -> 80; average 85.
        Assert.Equal(85, new NodeResourcesFit().Score(new CycleState(), Make.Pod(), info));
    }

    [Theory]
    [InlineData("2", "4Gi", 100)]
    [InlineData("4", "0", 50)]
    [InlineData("1", "4Gi", 87)]
    public void BalancedAllocation_score(string cpu, string memory, long expected)
    {
        var info = Make.Info(Make.Node(cpu: "4", memory: "8Gi"));
        Assert.Equal(expected, new NodeResourcesBalancedAllocation().Score(new CycleState(), Make.Pod(cpu: cpu, memory: memory), info));
    }

    private static V1Container Container(string cpu, string memory) => new()
    {
        Name = "c",
        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) } },
    };
}
