using System.Diagnostics;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Probes;
using Orchestrator.Kubelet.Tests.Runtime.Containerd;
using Orchestrator.Kubelet.Tests.Runtime.Cri;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Probes;

/// <summary>Exec probes through CRI ExecSync on the real containerd.</summary>
[Collection(ContainerdCollection.Name)]
public sealed class ExecProbeContainerdTests(ContainerdFixture fixture) : IDisposable
{
    private readonly CriClient _cri = CriClient.Connect(fixture.Endpoint);

    public void Dispose() => _cri.Dispose();

    [Fact]
    public async Task CriProbeExec_returns_the_exit_code_and_stdout_then_stderr()
    {
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "probe-exec");
        var id = await pod.StartContainerAsync(fixture.BusyboxImage, "app", 0, "sleep", "3600");
        var exec = new CriProbeExec(_cri);

        var result = await exec.ExecAsync(id, ["sh", "-c", "echo out; echo err >&2; exit 2"], TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(new ProbeExecResult(2, "out\nerr\n"), result);
        Assert.Equal(0, (await exec.ExecAsync(id, ["true"], TimeSpan.FromSeconds(5), CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task A_command_that_outlives_its_timeout_throws_TimeoutException()
    {
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "probe-timeout");
        var id = await pod.StartContainerAsync(fixture.BusyboxImage, "app", 0, "sleep", "3600");
        var started = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => new CriProbeExec(_cri).ExecAsync(id, ["sleep", "30"], TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ProbeManager_marks_readiness_and_liveness_from_real_exec_probes()
    {
        await using var pod = await CriTestPod.RunAsync(_cri.Runtime, fixture, fixture.StateDir, "default", "probed");
        var id = await pod.StartContainerAsync(fixture.BusyboxImage, "app", 0, "sleep", "3600");
        var events = new RecordingEvents();
        var changed = new SemaphoreSlim(0);
        await using var probes = new ProbeManager(new CriProbeExec(_cri), events, TimeProvider.System, _ => changed.Release(), NullLogger<ProbeManager>.Instance);
        var spec = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "probed", NamespaceProperty = "default", Uid = pod.Config.Metadata.Uid },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "app",
                        ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/www/index.html"] }, PeriodSeconds = 1 },
                        LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/nope"] }, PeriodSeconds = 1, FailureThreshold = 1 },
                    },
                ],
            },
        };

        probes.Sync(spec, pod.Ip, [new RunningContainer("app", id, DateTime.UtcNow)]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (probes.Get(spec.Metadata.Uid, "app", id) != new ProbeStatus(true, true, true) && DateTime.UtcNow < deadline)
        {
            await changed.WaitAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(new ProbeStatus(true, true, true), probes.Get(spec.Metadata.Uid, "app", id));
        Assert.Contains(events.Events, e => e is { Type: "Warning", Reason: "Unhealthy" }
            && e.Message == "Liveness probe failed: cat: can't open '/nope': No such file or directory\n");
    }
}
