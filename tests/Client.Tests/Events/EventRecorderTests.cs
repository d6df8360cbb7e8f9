using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;

namespace Orchestrator.Client.Tests.Events;

public sealed class EventRecorderTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private readonly IKubernetes _client = server.Client;

    [Fact]
    public async Task Record_CreatesAnEvent_WithTheReferenceTypeFromTheModel_AndTheSource()
    {
        var ns = await server.NewNamespaceAsync("events");
        await CreatePodAsync(ns, "web-0");
        var fromList = (await _client.CoreV1.ListNamespacedPodAsync(ns)).Items.Single();
        fromList.Kind = null; // items of a list carry no type meta
        fromList.ApiVersion = null;

        var recorder = new EventRecorder(server.Api.CreateClient(), "test-scheduler", NullLogger.Instance, host: "host-a");
        recorder.Record(fromList, EventTypes.Normal, "Scheduled", "Successfully assigned web-0 to node-1");
        await recorder.DisposeAsync(); // writes what is queued

        var ev = (await _client.CoreV1.ListNamespacedEventAsync(ns)).Items.Single();
        Assert.Equal("Pod", ev.InvolvedObject.Kind);
        Assert.Equal("v1", ev.InvolvedObject.ApiVersion);
        Assert.Equal("web-0", ev.InvolvedObject.Name);
        Assert.Equal(ns, ev.InvolvedObject.NamespaceProperty);
        Assert.Equal(fromList.Metadata.Uid, ev.InvolvedObject.Uid);
        Assert.Equal("test-scheduler", ev.Source.Component);
        Assert.Equal("host-a", ev.Source.Host);
        Assert.Equal("Normal", ev.Type);
        Assert.Equal("Scheduled", ev.Reason);
        Assert.Equal("Successfully assigned web-0 to node-1", ev.Message);
        Assert.Equal(1, ev.Count);
        Assert.NotNull(ev.FirstTimestamp);
        Assert.StartsWith("web-0.", ev.Metadata.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_WritesUnderAnotherSourceComponent_AndDoesNotFoldItsEventsIntoTheComponentsOwn()
    {
        var ns = await server.NewNamespaceAsync("sources");
        var pod = await CreatePodAsync(ns, "web-0");
        var recorder = new EventRecorder(server.Api.CreateClient(), "controller-manager", NullLogger.Instance);

        recorder.For("deployment-controller").Record(pod, EventTypes.Normal, "ScalingReplicaSet", "Scaled up replica set web-1 to 1");
        recorder.For("horizontal-pod-autoscaler").Record(pod, EventTypes.Normal, "ScalingReplicaSet", "Scaled up replica set web-1 to 1");
        recorder.Record(pod, EventTypes.Normal, "ScalingReplicaSet", "Scaled up replica set web-1 to 1");
        await recorder.DisposeAsync();

        var events = (await _client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        Assert.Equal(["controller-manager", "deployment-controller", "horizontal-pod-autoscaler"], events.Select(e => e.Source.Component).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal((1, e.Source.Component), (e.Count ?? 0, e.ReportingComponent)));
        Assert.Same(recorder, recorder.For("controller-manager"));
    }

    [Fact]
    public async Task Repeats_AreAggregatedOntoOneEvent_ByCount_AndMoveLastTimestamp()
    {
        var ns = await server.NewNamespaceAsync("repeats");
        var pod = await CreatePodAsync(ns, "db-0");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, 700, TimeSpan.Zero));
        await using var recorder = new EventRecorder(server.Api.CreateClient(), "kubelet", NullLogger.Instance, time);

        recorder.Record(pod, EventTypes.Warning, "BackOff", "Back-off restarting failed container");
        await Eventually.TrueAsync(async () => (await EventsAsync(ns)).Any(e => e.Count == 1), "the first event is written");
        time.Advance(TimeSpan.FromMilliseconds(100)); // same second
        recorder.Record(pod, EventTypes.Warning, "BackOff", "Back-off restarting failed container");
        await Eventually.TrueAsync(async () => (await EventsAsync(ns)).Any(e => e.Count == 2), "the repeat raises the count to 2");
        var second = (await EventsAsync(ns)).Single();
        Assert.True(second.LastTimestamp >= second.FirstTimestamp, $"last {second.LastTimestamp:O} before first {second.FirstTimestamp:O}");

        time.Advance(TimeSpan.FromSeconds(2));
        recorder.Record(pod, EventTypes.Warning, "BackOff", "Back-off restarting failed container");
        recorder.Record(pod, EventTypes.Warning, "Failed", "Error: ImagePullBackOff");
        await Eventually.TrueAsync(async () => (await EventsAsync(ns)).Count == 2 && (await EventsAsync(ns)).Any(e => e.Count == 3), "count 3, and another reason is another event");

        var events = await EventsAsync(ns);
        var backOff = events.Single(e => e.Reason == "BackOff");
        Assert.Equal(3, backOff.Count);
        Assert.Equal("Warning", backOff.Type);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), backOff.FirstTimestamp?.ToUniversalTime());
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 2, DateTimeKind.Utc), backOff.LastTimestamp?.ToUniversalTime());
        Assert.Equal(1, events.Single(e => e.Reason == "Failed").Count);
    }

    [Fact]
    public async Task EventsAboutClusterScopedObjects_GoToTheDefaultNamespace()
    {
        var node = new V1Node { Metadata = new V1ObjectMeta { Name = "events-node-1", Uid = Guid.NewGuid().ToString() } };
        var recorder = new EventRecorder(server.Api.CreateClient(), "node-controller", NullLogger.Instance);

        recorder.Record(node, EventTypes.Normal, "RegisteredNode", "Node events-node-1 event: Registered Node");
        await recorder.DisposeAsync();

        var ev = (await _client.CoreV1.ListNamespacedEventAsync("default")).Items.Single(e => e.InvolvedObject.Name == "events-node-1");
        Assert.Equal("Node", ev.InvolvedObject.Kind);
        Assert.Equal("v1", ev.InvolvedObject.ApiVersion);
        Assert.True(string.IsNullOrEmpty(ev.InvolvedObject.NamespaceProperty));
    }

    [Theory]
    [InlineData(typeof(V1Pod), "v1", "Pod")]
    [InlineData(typeof(V1Node), "v1", "Node")]
    [InlineData(typeof(V1Deployment), "apps/v1", "Deployment")]
    [InlineData(typeof(V1Job), "batch/v1", "Job")]
    [InlineData(typeof(V1Lease), "coordination.k8s.io/v1", "Lease")]
    [InlineData(typeof(V1EndpointSlice), "discovery.k8s.io/v1", "EndpointSlice")]
    public void TypeMeta_ComesFromTheModelType_WhenTheObjectHasNone(Type type, string apiVersion, string kind)
    {
        var obj = (IKubernetesObject<V1ObjectMeta>)Activator.CreateInstance(type)!;
        obj.Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "ns", Uid = "u-1", ResourceVersion = "7" };
        obj.ApiVersion = null;
        obj.Kind = null;

        var reference = ObjectReferences.For(obj);

        Assert.Equal((apiVersion, kind), (reference.ApiVersion, reference.Kind));
        Assert.Equal(("x", "ns", "u-1", "7"), (reference.Name, reference.NamespaceProperty, reference.Uid, reference.ResourceVersion));
    }

    [Fact]
    public void ControllerOf_NamesTheOwnerAsController()
    {
        var rs = new V1ReplicaSet { Metadata = new V1ObjectMeta { Name = "web-abc", Uid = "rs-uid" } };

        var owner = ObjectReferences.ControllerOf(rs);

        Assert.Equal(("apps/v1", "ReplicaSet", "web-abc", "rs-uid"), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid));
        Assert.True(owner.Controller);
        Assert.True(owner.BlockOwnerDeletion);
    }

    private async Task<IList<Corev1Event>> EventsAsync(string ns) => (await _client.CoreV1.ListNamespacedEventAsync(ns)).Items;

    private Task<V1Pod> CreatePodAsync(string ns, string name) =>
        _client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] } },
            ns);
}
