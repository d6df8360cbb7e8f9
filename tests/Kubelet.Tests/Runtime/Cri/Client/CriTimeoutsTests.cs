using Google.Protobuf;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

public sealed class CriTimeoutsTests
{
    private static readonly CriClientOptions Options = new() { RuntimeRequestTimeout = TimeSpan.FromSeconds(100), ImagePullTimeout = TimeSpan.FromSeconds(300) };

    public static TheoryData<string, IMessage, double?> Cases() => new()
    {
        { "Version", new VersionRequest(), 100 },
        { "CreateContainer", new CreateContainerRequest(), 100 },
        { "RunPodSandbox", new RunPodSandboxRequest(), 200 },
        { "PullImage", new PullImageRequest(), 300 },
        { "ExecSync", new ExecSyncRequest { Timeout = 5 }, 105 },
        { "ExecSync", new ExecSyncRequest { Timeout = 0 }, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Default_deadline_per_rpc(string rpc, IMessage request, double? expectedSeconds)
    {
        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, CriTimeouts.For(rpc, request, Options));
    }

    [Fact]
    public void Infinite_image_pull_timeout_means_no_deadline()
    {
        Assert.Null(CriTimeouts.For("PullImage", new PullImageRequest(), Options with { ImagePullTimeout = Timeout.InfiniteTimeSpan }));
    }

    [Fact]
    public void Every_rpc_of_both_services_has_an_upstream_operation_label()
    {
        var rpcs = RuntimeService.Descriptor.Methods.Concat(ImageService.Descriptor.Methods).Select(m => m.Name).ToList();
        Assert.Equal(26, rpcs.Count);
        var labels = rpcs.Select(CriOperations.For).ToList();
        Assert.Equal(rpcs.Count, labels.Distinct().Count());
        Assert.All(labels, l => Assert.Matches("^[a-z_]+$", l));
        Assert.Equal("run_podsandbox", CriOperations.For("RunPodSandbox"));
        Assert.Equal("podsandbox_status", CriOperations.For("PodSandboxStatus"));
        Assert.Equal("update_container", CriOperations.For("UpdateContainerResources"));
        Assert.Equal("image_fs_info", CriOperations.For("ImageFsInfo"));
        Assert.Throws<InvalidOperationException>(() => CriOperations.For("CheckpointContainer"));
    }
}
