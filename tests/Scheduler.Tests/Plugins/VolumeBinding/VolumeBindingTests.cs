using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.VolumeBinding;
using Plugin = Orchestrator.Scheduler.Plugins.VolumeBinding.VolumeBinding;

namespace Orchestrator.Scheduler.Tests.Plugins.VolumeBinding;

/// <summary>The VolumeBinding plugin: PreFilter and Filter against claims, volumes and classes; Reserve and PreBind against a fake source.</summary>
public sealed class VolumeBindingTests
{
    private static readonly V1Node N1 = Make.Node("n1", labels: Make.Labels("zone", "a"));
    private static readonly V1Node N2 = Make.Node("n2", labels: Make.Labels("zone", "b"));

    private static V1Pod PodWith(params string[] claims)
    {
        var pod = Make.Pod("app");
        pod.Metadata.Uid = "uid-app";
        pod.Spec.Volumes = [.. claims.Select(c => new V1Volume { Name = c, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = c } })];
        return pod;
    }

    private static V1PersistentVolumeClaim Claim(string name, string storageClass = "local", string size = "1Gi", string? volumeName = null, bool bound = false, string? selectedNode = null)
    {
        var annotations = new Dictionary<string, string>();
        if (bound)
        {
            annotations["pv.kubernetes.io/bind-completed"] = "yes";
        }

        if (selectedNode is not null)
        {
            annotations["volume.kubernetes.io/selected-node"] = selectedNode;
        }

        return new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = "uid-" + name, ResourceVersion = "1", Annotations = annotations },
            Spec = new V1PersistentVolumeClaimSpec
            {
                StorageClassName = storageClass,
                AccessModes = ["ReadWriteOnce"],
                VolumeName = volumeName,
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
            },
        };
    }

    /// <summary>A local volume of the "local" class pinned to <paramref name="node"/> (any node when null).</summary>
    private static V1PersistentVolume Volume(string name, string? node, string size = "1Gi", V1ObjectReference? claimRef = null, string phase = "Available") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PersistentVolumeSpec
        {
            StorageClassName = "local",
            AccessModes = ["ReadWriteOnce"],
            Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
            ClaimRef = claimRef,
            NodeAffinity = node is null ? null : new V1VolumeNodeAffinity
            {
                Required = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [node] }] }],
                },
            },
        },
        Status = new V1PersistentVolumeStatus { Phase = phase },
    };

    private static V1StorageClass Class(string name, string provisioner, string mode = "WaitForFirstConsumer", string? zone = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Provisioner = provisioner,
        VolumeBindingMode = mode,
        AllowedTopologies = zone is null ? null : [new V1TopologySelectorTerm { MatchLabelExpressions = [new V1TopologySelectorLabelRequirement { Key = "zone", Values = [zone] }] }],
    };

    private static (CycleState State, Status PreFilter) PreFilter(Plugin plugin, V1Pod pod)
    {
        var state = new CycleState();
        var info = new PodInfo(pod);
        state.SetPodInfo(info);
        return (state, plugin.PreFilter(state, info, Snapshot.From([Make.Info(N1), Make.Info(N2)])));
    }

    /// <summary>"n1=ok;n2=reason" for both nodes, or the PreFilter status.</summary>
    private static string Fit(FakeVolumeSource source, V1Pod pod)
    {
        var plugin = new Plugin(source);
        var (state, pre) = PreFilter(plugin, pod);
        if (!pre.IsSuccess)
        {
            return $"prefilter {pre.Code}: {pre.Message}";
        }

        if (state.SkipFilterPlugins.Contains(Plugin.PluginName))
        {
            return "skip";
        }

        return string.Join(";", new[] { N1, N2 }.Select(n =>
        {
            var s = plugin.Filter(state, pod, Make.Info(n));
            return n.Metadata.Name + "=" + (s.IsSuccess ? "ok" : $"{s.Code}: {s.Message}");
        }));
    }

    [Fact]
    public void PreFilter_skips_pods_without_claims_and_rejects_missing_deleted_and_unbound_immediate_claims()
    {
        var source = new FakeVolumeSource()
            .Add(Class("local", "kubernetes.io/no-provisioner"))
            .Add(Class("fast", "example.com/fast", mode: "Immediate"))
            .Add(Claim("immediate", storageClass: "fast"));
        var deleting = Claim("going");
        deleting.Metadata.DeletionTimestamp = DateTime.UtcNow;
        source.Add(deleting);

        Assert.Equal("skip", Fit(source, PodWith()));
        Assert.Equal("prefilter UnschedulableAndUnresolvable: persistentvolumeclaim \"missing\" not found", Fit(source, PodWith("missing")));
        Assert.Equal("prefilter UnschedulableAndUnresolvable: persistentvolumeclaim \"going\" is being deleted", Fit(source, PodWith("going")));
        Assert.Equal("prefilter UnschedulableAndUnresolvable: pod has unbound immediate PersistentVolumeClaims", Fit(source, PodWith("immediate")));
    }

    [Fact]
    public void A_bound_volume_admits_only_the_nodes_of_its_node_affinity()
    {
        var source = new FakeVolumeSource()
            .Add(Claim("data", volumeName: "pv-1", bound: true))
            .Add(Volume("pv-1", "n1", claimRef: new V1ObjectReference { NamespaceProperty = "default", Name = "data", Uid = "uid-data" }, phase: "Bound"))
            .Add(Claim("orphan", volumeName: "gone", bound: true));

        Assert.Equal("n1=ok;n2=UnschedulableAndUnresolvable: node(s) had volume node affinity conflict", Fit(source, PodWith("data")));
        Assert.Equal(
            "n1=UnschedulableAndUnresolvable: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s);"
            + "n2=UnschedulableAndUnresolvable: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)",
            Fit(source, PodWith("orphan")));
    }

    public static TheoryData<string, string, string[], string> WaitForFirstConsumer => new()
    {
        { "a static local volume on n1", "kubernetes.io/no-provisioner", ["n1"], "n1=ok;n2=UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind" },
        { "no volume and no provisioner", "kubernetes.io/no-provisioner", [], "n1=UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind;n2=UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind" },
        { "a provisioner serves every node", "example.com/local", [], "n1=ok;n2=ok" },
        { "a provisioner limited to zone b", "example.com/local|b", [], "n1=UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind;n2=ok" },
        { "a static volume too small is not used, the provisioner is", "example.com/local", ["n1:512Mi"], "n1=ok;n2=ok" },
    };

    [Theory]
    [MemberData(nameof(WaitForFirstConsumer))]
    public void An_unbound_WaitForFirstConsumer_claim_needs_a_matching_volume_or_a_provisioner_on_the_node(string why, string provisioner, string[] volumes, string expected)
    {
        var parts = provisioner.Split('|');
        var source = new FakeVolumeSource().Add(Class("local", parts[0], zone: parts.Length > 1 ? parts[1] : null)).Add(Claim("data"));
        foreach (var v in volumes)
        {
            var f = v.Split(':');
            source.Add(Volume("pv-" + f[0], f[0], size: f.Length > 1 ? f[1] : "1Gi"));
        }

        Assert.True(Fit(source, PodWith("data")) == expected, $"{why}: {Fit(source, PodWith("data"))}");
    }

    [Fact]
    public void Two_claims_of_one_pod_never_get_the_same_volume()
    {
        var source = new FakeVolumeSource().Add(Class("local", "kubernetes.io/no-provisioner")).Add(Claim("a")).Add(Claim("b")).Add(Volume("pv-1", "n1"));
        Assert.StartsWith("n1=UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind", Fit(source, PodWith("a", "b")), StringComparison.Ordinal);

        source.Add(Volume("pv-2", "n1"));
        Assert.StartsWith("n1=ok", Fit(source, PodWith("a", "b")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_already_sent_to_a_node_for_provisioning_fits_only_that_node()
    {
        var source = new FakeVolumeSource().Add(Class("local", "example.com/local")).Add(Claim("data", selectedNode: "n2"));

        Assert.Equal("n1=UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind;n2=ok", Fit(source, PodWith("data")));
    }

    [Fact]
    public async Task Reserve_holds_the_volume_against_other_pods_and_PreBind_writes_the_claimRef_then_waits_for_the_binder()
    {
        var source = new FakeVolumeSource().Add(Class("local", "kubernetes.io/no-provisioner")).Add(Claim("data")).Add(Claim("other")).Add(Volume("pv-1", "n1"));
        var plugin = new Plugin(source, pollInterval: TimeSpan.FromMilliseconds(5));
        var pod = PodWith("data");
        var (state, _) = PreFilter(plugin, pod);
        Assert.True(plugin.Filter(state, pod, Make.Info(N1)).IsSuccess);
        Assert.True(plugin.Reserve(state, pod, "n1").IsSuccess);

        // Another pod's claim cannot take the reserved volume meanwhile.
        var rival = PodWith("other");
        var (rivalState, _) = PreFilter(plugin, rival);
        Assert.Equal("node(s) didn't find available persistent volumes to bind", plugin.Filter(rivalState, rival, Make.Info(N1)).Message);

        var preBind = plugin.PreBindAsync(state, pod, "n1", CancellationToken.None);
        await Orchestrator.Testing.Eventually.TrueAsync(() => Task.FromResult(!source.Writes.IsEmpty), "the claimRef write");
        Assert.Equal(["pv/pv-1 claimRef=default/data"], source.Writes);
        Assert.False(preBind.IsCompleted, "PreBind waits until the binder completes the binding");
        source.CompleteBinding("data", "pv-1");
        Assert.True((await preBind).IsSuccess);
    }

    [Fact]
    public async Task PreBind_looks_again_when_a_claim_changes_not_at_its_next_poll()
    {
        var source = new FakeVolumeSource().Add(Class("local", "kubernetes.io/no-provisioner")).Add(Claim("data")).Add(Volume("pv-1", "n1"));
        var plugin = new Plugin(source, pollInterval: TimeSpan.FromMinutes(10));
        var pod = PodWith("data");
        var (state, _) = PreFilter(plugin, pod);
        plugin.Filter(state, pod, Make.Info(N1));
        plugin.Reserve(state, pod, "n1");
        var preBind = plugin.PreBindAsync(state, pod, "n1", CancellationToken.None);
        await Orchestrator.Testing.Eventually.TrueAsync(() => Task.FromResult(!source.Writes.IsEmpty), "the claimRef write");

        source.CompleteBinding("data", "pv-1");

        Assert.True((await preBind.WaitAsync(TimeSpan.FromSeconds(10))).IsSuccess);
    }

    [Fact]
    public async Task PreBind_selects_the_node_for_provisioning_and_times_out_when_nothing_binds()
    {
        var source = new FakeVolumeSource().Add(Class("local", "example.com/local")).Add(Claim("data"));
        var plugin = new Plugin(source, bindTimeout: TimeSpan.FromMilliseconds(200), pollInterval: TimeSpan.FromMilliseconds(10));
        var pod = PodWith("data");
        var (state, _) = PreFilter(plugin, pod);
        Assert.True(plugin.Filter(state, pod, Make.Info(N2)).IsSuccess);
        Assert.True(plugin.Reserve(state, pod, "n2").IsSuccess);

        var status = await plugin.PreBindAsync(state, pod, "n2", CancellationToken.None);

        Assert.Equal(["pvc/data selected-node=n2"], source.Writes);
        Assert.Equal(StatusCode.Error, status.Code);
        Assert.Equal(Plugin.TimedOut, status.Message);
    }

    [Fact]
    public async Task PreBind_waits_for_its_own_selected_node_write_to_reach_the_informer_instead_of_failing()
    {
        var source = new FakeVolumeSource { LagClaimWrites = true }.Add(Class("local", "example.com/local")).Add(Claim("data"));
        var plugin = new Plugin(source, pollInterval: TimeSpan.FromMilliseconds(5));
        var pod = PodWith("data");
        var (state, _) = PreFilter(plugin, pod);
        plugin.Filter(state, pod, Make.Info(N1));
        plugin.Reserve(state, pod, "n1");

        var preBind = plugin.PreBindAsync(state, pod, "n1", CancellationToken.None);
        await Orchestrator.Testing.Eventually.TrueAsync(() => Task.FromResult(!source.Writes.IsEmpty), "the selected-node write");
        await Task.Delay(50);
        Assert.False(preBind.IsCompleted, "the informer's claim without selected-node is older than the write, not a provisioner giving the node back");

        source.CatchUp();
        source.Add(Volume("pvc-1", "n1", phase: "Bound"));
        source.CompleteBinding("data", "pvc-1");
        Assert.True((await preBind).IsSuccess);
    }

    [Fact]
    public async Task PreBind_fails_when_the_provisioner_gives_the_node_back()
    {
        var source = new FakeVolumeSource().Add(Class("local", "example.com/local")).Add(Claim("data"));
        var plugin = new Plugin(source, pollInterval: TimeSpan.FromMilliseconds(5));
        var pod = PodWith("data");
        var (state, _) = PreFilter(plugin, pod);
        plugin.Filter(state, pod, Make.Info(N1));
        plugin.Reserve(state, pod, "n1");
        var preBind = plugin.PreBindAsync(state, pod, "n1", CancellationToken.None);
        await Orchestrator.Testing.Eventually.TrueAsync(() => Task.FromResult(!source.Writes.IsEmpty), "the selected-node write");

        var givenBack = Claim("data");
        givenBack.Metadata.ResourceVersion = "3";
        source.Add(givenBack);

        var status = await preBind;
        Assert.Equal("binding volumes: provisioning failed for PVC \"data\"", status.Message);
    }
}
