using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Kubelet.Probes;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Probes;

/// <summary>A ProbeManager on a fake clock with a scripted exec, plus builders for pods and probes.</summary>
internal sealed class ProbeHarness : IAsyncDisposable
{
    public const string PodUid = "uid-1";

    public ProbeHarness(IProbeHttp? http = null)
    {
        Manager = new ProbeManager(Exec, Events, Time, uid => Changes.Enqueue(uid), NullLogger<ProbeManager>.Instance, http);
    }

    public FakeTimeProvider Time { get; } = new();

    public FakeProbeExec Exec { get; } = new();

    public RecordingEvents Events { get; } = new();

    public ConcurrentQueue<string> Changes { get; } = new();

    public ProbeManager Manager { get; }

    public static V1Pod Pod(params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = PodUid },
        Spec = new V1PodSpec { Containers = containers },
    };

    public static V1Container Container(string name, V1Probe? liveness = null, V1Probe? readiness = null, V1Probe? startup = null) =>
        new() { Name = name, Image = "busybox", LivenessProbe = liveness, ReadinessProbe = readiness, StartupProbe = startup };

    public static V1Probe ExecProbe(string command, int period = 10, int failure = 3, int success = 1, int delay = 0, int timeout = 1) => new()
    {
        Exec = new V1ExecAction { Command = command.Split(' ') },
        PeriodSeconds = period,
        FailureThreshold = failure,
        SuccessThreshold = success,
        InitialDelaySeconds = delay,
        TimeoutSeconds = timeout,
    };

    public RunningContainer Running(string name, string id) => new(name, id, Time.GetUtcNow().UtcDateTime);

    public ProbeStatus Get(string name, string id) => Manager.Get(PodUid, name, id);

    /// <summary>Moves the clock; attempts with a synchronous fake finish inside this call.</summary>
    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public ValueTask DisposeAsync() => Manager.DisposeAsync();
}
