using System.Net;
using Grpc.Core;
using NSubstitute;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.Server;
using Orchestrator.Kubelet.Server.Cri;
using GrpcStatus = Grpc.Core.Status;
using CriExecRequest = Orchestrator.Kubelet.Runtime.Cri.Api.ExecRequest;
using ServerExecRequest = Orchestrator.Kubelet.Server.ExecRequest;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Server;

public sealed class CriStreamingRuntimeTests
{
    private readonly RuntimeService.RuntimeServiceClient _runtime = Substitute.For<RuntimeService.RuntimeServiceClient>();

    public CriStreamingRuntimeTests()
    {
        var sandbox = new PodSandbox { Id = "sb1", CreatedAt = 1 };
        sandbox.Labels.Add(CriLabels.PodUid, "uid-1");
        _runtime.ListPodSandboxAsync(Arg.Any<ListPodSandboxRequest>(), null, null, Arg.Any<CancellationToken>())
            .Returns(Call(new ListPodSandboxResponse { Items = { sandbox } }));
        _runtime.ListContainersAsync(Arg.Any<ListContainersRequest>(), null, null, Arg.Any<CancellationToken>())
            .Returns(Call(new ListContainersResponse { Containers = { new Container { Id = "old", CreatedAt = 10 }, new Container { Id = "new", CreatedAt = 20 } } }));
    }

    [Theory]
    [InlineData("http://127.0.0.1:4000/exec/abc", null, "http://127.0.0.1:4000/exec/abc")]
    [InlineData("/exec/abc", "http://10.0.0.5:10010", "http://10.0.0.5:10010/exec/abc")]
    [InlineData("exec/abc", "http://10.0.0.5:10010/cri/", "http://10.0.0.5:10010/cri/exec/abc")]
    public async Task Exec_runs_in_the_newest_running_instance_and_resolves_relative_urls(string returned, string? baseUrl, string expected)
    {
        CriExecRequest? sent = null;
        _runtime.ExecAsync(Arg.Do<CriExecRequest>(r => sent = r), null, null, Arg.Any<CancellationToken>()).Returns(Call(new ExecResponse { Url = returned }));
        var runtime = new CriStreamingRuntime(_runtime, baseUrl is null ? null : new Uri(baseUrl));

        var url = await runtime.GetExecAsync(new ServerExecRequest("ns", "pod", "web", ["ls", "/"], Tty: true, Stdin: false, Stdout: true, Stderr: false), CancellationToken.None);

        Assert.Equal(new Uri(expected), url);
        Assert.Equal(("new", "ls /", true, false, true, false), (sent!.ContainerId, string.Join(" ", sent.Cmd), sent.Tty, sent.Stdin, sent.Stdout, sent.Stderr));
        _ = _runtime.Received().ListContainersAsync(
            Arg.Is<ListContainersRequest>(r => r.Filter.LabelSelector[CriLabels.PodUid] == "uid-1" && r.Filter.LabelSelector[CriLabels.ContainerName] == "web" && r.Filter.State.State == ContainerState.ContainerRunning),
            null,
            null,
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_relative_url_without_a_base_is_an_error()
    {
        _runtime.ExecAsync(Arg.Any<CriExecRequest>(), null, null, Arg.Any<CancellationToken>()).Returns(Call(new ExecResponse { Url = "/exec/abc" }));
        var error = await Assert.ThrowsAsync<StreamingRuntimeException>(() => new CriStreamingRuntime(_runtime).GetExecAsync(new ServerExecRequest("ns", "pod", "web", ["ls"], false, false, true, false), CancellationToken.None));
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task A_container_gone_meanwhile_is_a_404()
    {
        _runtime.ExecAsync(Arg.Any<CriExecRequest>(), null, null, Arg.Any<CancellationToken>())
            .Returns<AsyncUnaryCall<ExecResponse>>(_ => throw new RpcException(new GrpcStatus(StatusCode.NotFound, "container \"new\" not found")));
        var error = await Assert.ThrowsAsync<StreamingRuntimeException>(() => new CriStreamingRuntime(_runtime).GetExecAsync(new ServerExecRequest("ns", "pod", "web", ["ls"], false, false, true, false), CancellationToken.None));
        Assert.Equal((HttpStatusCode.NotFound, "container \"new\" not found"), (error.StatusCode, error.Message));
    }

    [Theory]
    [InlineData(new[] { "RUNNING:20:0" }, false, "RUNNING:20:0")]
    [InlineData(new[] { "EXITED:10:0", "RUNNING:20:1" }, false, "RUNNING:20:1")]
    [InlineData(new[] { "EXITED:10:0", "RUNNING:20:1" }, true, "EXITED:10:0")]
    [InlineData(new[] { "EXITED:10:0", "EXITED:10:1", "CREATED:30:2" }, true, "EXITED:10:1")]
    [InlineData(new[] { "EXITED:10:0", "CREATED:30:1" }, false, "waiting to start")]
    [InlineData(new string[0], false, "waiting to start")]
    [InlineData(new[] { "RUNNING:20:0" }, true, "previous terminated container")]
    public void Logs_read_the_newest_instance_or_the_one_before(string[] instances, bool previous, string expected)
    {
        var containers = instances.Select(i => i.Split(':')).Select(p => new Container
        {
            Id = string.Join(":", p),
            State = Enum.Parse<ContainerState>("Container" + p[0][0] + p[0][1..].ToLowerInvariant()),
            CreatedAt = long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
            Metadata = new ContainerMetadata { Attempt = uint.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture) },
        });
        var ordered = CriPodLocator.NewestFirst(containers);
        if (expected.Contains(' ', StringComparison.Ordinal))
        {
            var error = Assert.Throws<StreamingRuntimeException>(() => CriLogInstance.Choose(ordered, "pod", "web", previous));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        }
        else
        {
            Assert.Equal(expected, CriLogInstance.Choose(ordered, "pod", "web", previous).Id);
        }
    }

    private static AsyncUnaryCall<T> Call<T>(T response) =>
        new(Task.FromResult(response), Task.FromResult(new Metadata()), () => GrpcStatus.DefaultSuccess, () => [], () => { });
}
