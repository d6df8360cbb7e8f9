using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orchestrator.Client;
using Orchestrator.Kubelet.Volumes;
using Orchestrator.Testing;

namespace Orchestrator.Kubelet.Tests.Volumes;

/// <summary>A <see cref="VolumeManager"/> on a temp directory with the real mounter; tears every pod down on dispose.</summary>
internal sealed class VolumeManagerFixture : IAsyncDisposable
{
    private readonly TempDir _dir = new();

    public VolumeManagerFixture(IVolumeSources? sources = null, Orchestrator.Kubelet.Volumes.Tokens.IServiceAccountTokens? tokens = null, IPersistentVolumes? claims = null)
    {
        Sources = sources as FakeVolumeSources ?? new FakeVolumeSources();
        Manager = new VolumeManager(
            PodsRoot, sources ?? Sources, Events, NullLogger<VolumeManager>.Instance, new LinuxMounter(), Time,
            () => new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi") }, tokens, claims);
    }

    public FakeVolumeSources Sources { get; }

    public IEventRecorder Events { get; } = Substitute.For<IEventRecorder>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public VolumeManager Manager { get; }

    public string PodsRoot => _dir.Join("pods");

    /// <summary>A directory beside the pods root (a node's storage), removed with the fixture.</summary>
    public string HostDir(string name) => _dir.Join(name);

    public string VolumeDir(V1Pod pod, string plugin, string name) => Path.Join(PodsRoot, pod.Metadata.Uid, "volumes", plugin, name);

    public static V1Pod Pod(string uid, params V1Volume[] volumes) => new()
    {
        Metadata = new V1ObjectMeta { Name = "pod-" + uid, NamespaceProperty = "ns", Uid = uid, Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec
        {
            Volumes = volumes,
            Containers =
            [
                new V1Container { Name = "app", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") } } },
            ],
        },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var uid in Manager.PodUidsOnDisk())
        {
            await Manager.TearDownAsync(uid, CancellationToken.None);
        }

        _dir.Dispose();
    }
}
