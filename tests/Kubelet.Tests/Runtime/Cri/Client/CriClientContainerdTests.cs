using System.Net;
using Grpc.Core;
using Orchestrator.Kubelet.Metrics;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.Tests.Runtime.Containerd;
using Orchestrator.Testing;
using Orchestrator.Kubelet.Images.Local;
using Orchestrator.Kubelet.Runtime.Cri;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

/// <summary>CriClient against the real private containerd of the test run.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class CriClientContainerdTests(ContainerdFixture fixture) : IDisposable
{
    private readonly CriClient _cri = CriClient.Connect(fixture.Endpoint);

    public void Dispose() => _cri.Dispose();

    [Fact]
    public async Task Version_and_status_report_a_ready_containerd()
    {
        var version = await _cri.Runtime.VersionAsync(new VersionRequest { Version = "v1" });
        Assert.Equal(("containerd", "v1"), (version.RuntimeName, version.RuntimeApiVersion));
        Assert.StartsWith("1.", version.RuntimeVersion, StringComparison.Ordinal);

        var status = await _cri.Runtime.StatusAsync(new StatusRequest());
        Assert.Contains(status.Status.Conditions, c => c is { Type: "RuntimeReady", Status: true });
        Assert.Contains(status.Status.Conditions, c => c is { Type: "NetworkReady", Status: true });
    }

    [Fact]
    public async Task ImageStatus_finds_the_imported_image_and_reports_an_absent_one_as_unset()
    {
        var busybox = await _cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = fixture.BusyboxImage } });
        Assert.Equal(fixture.Busybox.Config.Digest, busybox.Image.Id);
        Assert.Contains(fixture.BusyboxImage, busybox.Image.RepoTags);

        var absent = await _cri.Images.ImageStatusAsync(new ImageStatusRequest { Image = new ImageSpec { Image = "localhost/absent:1" } });
        Assert.Null(absent.Image);
    }

    [Fact]
    public async Task PullImage_from_the_local_registry_counts_a_pull_image_operation()
    {
        var pulls = RuntimeOperationMetrics.Operations.WithLabels("pull_image").Value;
        var pulled = await _cri.Images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = fixture.RegistryBusyboxImage } });
        Assert.Equal(fixture.Busybox.Config.Digest, pulled.ImageRef);
        Assert.True(RuntimeOperationMetrics.Operations.WithLabels("pull_image").Value >= pulls + 1);

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await _cri.Images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = $"{fixture.RegistryHost}/busybox:nope" } }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_pod_gets_an_ip_and_its_httpd_serves_the_host_and_answers_exec()
    {
        var (created, errors) = (RuntimeOperationMetrics.Operations.WithLabels("create_container").Value, RuntimeOperationMetrics.Errors.WithLabels("create_container").Value);
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "web");
        var cidr = Ipv4Cidr.Parse(fixture.PodCidr);
        Assert.True(Ipv4Cidr.TryParseAddress(pod.Ip, out var ip) && ip > cidr.Network + 1 && ip < cidr.LastAddress, $"{pod.Ip} not a pod address of {fixture.PodCidr}");

        var id = await pod.StartContainerAsync(fixture.BusyboxImage, "httpd", 0, "httpd", "-f", "-p", "8080", "-h", "/www");
        var running = await pod.WaitAsync(id, s => s.State == ContainerState.ContainerRunning);
        Assert.Equal(ContainerState.ContainerRunning, running.State);
        Assert.True(running.StartedAt > 0);
        Assert.Equal(Path.Combine(pod.Config.LogDirectory, "httpd", "0.log"), running.LogPath);
        Assert.False(string.IsNullOrEmpty(running.ImageRef));

        Assert.Equal(LocalImages.BusyboxIndexHtml, await GetWhenServingAsync(new Uri($"http://{pod.Ip}:8080/")));

        var exec = await _cri.Runtime.ExecSyncAsync(new ExecSyncRequest { ContainerId = id, Cmd = { "echo", "hi" }, Timeout = 10 });
        Assert.Equal((0, "hi\n"), (exec.ExitCode, exec.Stdout.ToStringUtf8()));

        var stream = await _cri.Runtime.ExecAsync(new ExecRequest { ContainerId = id, Cmd = { "sh" }, Stdout = true, Stderr = true });
        Assert.Matches("^http://127\\.0\\.0\\.1:\\d+/exec/", stream.Url);

        var listed = await _cri.Runtime.ListContainersAsync(new ListContainersRequest
        {
            Filter = new ContainerFilter { LabelSelector = { [CriLabels.PodUid] = pod.Config.Metadata.Uid } },
        });
        Assert.Equal(id, Assert.Single(listed.Containers).Id);
        Assert.True(RuntimeOperationMetrics.Operations.WithLabels("create_container").Value >= created + 1);
        Assert.Equal(errors, RuntimeOperationMetrics.Errors.WithLabels("create_container").Value);

        await _cri.Runtime.StopContainerAsync(new StopContainerRequest { ContainerId = id, Timeout = 0 });
        var stopped = await pod.WaitAsync(id, s => s.State == ContainerState.ContainerExited);
        Assert.Equal(ContainerState.ContainerExited, stopped.State);
        await _cri.Runtime.RemoveContainerAsync(new RemoveContainerRequest { ContainerId = id });
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await _cri.Runtime.ContainerStatusAsync(new ContainerStatusRequest { ContainerId = id }));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_failing_container_reports_its_exit_code_and_reason()
    {
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "fail");
        var id = await pod.StartContainerAsync(fixture.BusyboxImage, "bad", 0, "sh", "-c", "echo bye; exit 3");
        var status = await pod.WaitAsync(id, s => s.State == ContainerState.ContainerExited);
        Assert.Equal((ContainerState.ContainerExited, 3, "Error"), (status.State, status.ExitCode, status.Reason));
        Assert.True(status.StartedAt > 0 && status.FinishedAt > 0); // a fast exit can be stamped before the recorded start
        Assert.Contains("stdout F bye", await File.ReadAllTextAsync(status.LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_image_fails_CreateContainer_and_counts_an_error()
    {
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "noimg");
        var errors = RuntimeOperationMetrics.Errors.WithLabels("create_container").Value;
        var error = await Assert.ThrowsAsync<RpcException>(() => pod.StartContainerAsync("localhost/absent:1", "x", 0, "true"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.True(RuntimeOperationMetrics.Errors.WithLabels("create_container").Value >= errors + 1);
    }

    [Fact]
    public async Task Sandboxes_are_listed_by_label_and_have_the_pod_cidr_ip()
    {
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "listed");
        var sandboxes = await _cri.Runtime.ListPodSandboxAsync(new ListPodSandboxRequest
        {
            Filter = new PodSandboxFilter { LabelSelector = { [CriLabels.PodUid] = pod.Config.Metadata.Uid } },
        });
        var sandbox = Assert.Single(sandboxes.Items);
        Assert.Equal((pod.SandboxId, PodSandboxState.SandboxReady, "listed"), (sandbox.Id, sandbox.State, sandbox.Metadata.Name));
        var status = await _cri.Runtime.PodSandboxStatusAsync(new PodSandboxStatusRequest { PodSandboxId = pod.SandboxId });
        Assert.True(IPAddress.TryParse(status.Status.Network.Ip, out _));
    }

    /// <summary>
    /// The body of a GET once the server answers: "running" means the process started, not that
    /// httpd has bound its port yet (a loaded machine shows the gap as "connection refused").
    /// </summary>
    private static async Task<string> GetWhenServingAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(url);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
