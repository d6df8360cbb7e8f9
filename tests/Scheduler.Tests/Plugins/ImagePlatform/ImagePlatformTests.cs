using k8s.Models;
using Orchestrator.Scheduler.Framework;
using Orchestrator.Scheduler.Plugins.ImagePlatform;
using Orchestrator.Scheduler.Plugins.NodeOperatingSystem;
using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;
using Plugin = Orchestrator.Scheduler.Plugins.ImagePlatform.ImagePlatform;

namespace Orchestrator.Scheduler.Tests.Plugins.ImagePlatform;

/// <summary>The ImagePlatform plugin inside the whole framework: a Linux node and Windows 17763 and 20348 nodes.</summary>
public sealed class ImagePlatformTests
{
    private const string Ltsc2019 = "reg.example/app:ltsc2019";
    private const string Ltsc2022 = "reg.example/app:ltsc2022";
    private const string Linux = "reg.example/web:1";
    private const string Build19041 = "reg.example/app:2004";
    private const string Multi = "reg.example/multi:1";

    private static readonly Platform Win2019 = new("windows", "amd64", OsVersion: "10.0.17763.1879");
    private static readonly Platform Win2022 = new("windows", "amd64", OsVersion: "10.0.20348.2113");

    private readonly FakeRegistry _registry = new FakeRegistry()
        .With(Ltsc2019, "sha256:a", Win2019)
        .With(Ltsc2022, "sha256:b", Win2022)
        .With(Linux, "sha256:c", new Platform("linux", "amd64"), new Platform("linux", "arm64", "v8"))
        .With(Build19041, "sha256:d", new Platform("windows", "amd64", OsVersion: "10.0.19041.1"))
        .With(Multi, "sha256:e", new Platform("linux", "amd64"), Win2019, Win2022);

    private static Snapshot Nodes() => Snapshot.From(
    [
        Make.Info(Make.Node("linux-1", labels: Make.Labels("kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"))),
        Make.Info(Make.Node("win-2019", labels: Make.Labels("kubernetes.io/os", "windows", "kubernetes.io/arch", "amd64", "node.kubernetes.io/windows-build", "10.0.17763"))),
        Make.Info(Make.Node("win-2022", labels: Make.Labels("kubernetes.io/os", "windows", "kubernetes.io/arch", "amd64", "node.kubernetes.io/windows-build", "10.0.20348"))),
        Make.Info(Make.Node("arm-1", labels: Make.Labels("kubernetes.io/os", "linux", "kubernetes.io/arch", "arm64"))),
    ]);

    private static V1Pod Pod(string image, string? initImage = null)
    {
        var pod = Make.Pod("p-" + Guid.NewGuid().ToString("N")[..6]);
        pod.Spec.Containers[0].Image = image;
        if (initImage is not null)
        {
            pod.Spec.InitContainers = [new V1Container { Name = "init", Image = initImage }];
        }

        return pod;
    }

    private ScheduleAlgorithm Algorithm(ImagePlatformCache? cache = null) =>
        new(PluginRegistry.CreateFramework(images: cache ?? new ImagePlatformCache(_registry, null, new ImagePlatformOptions { MissWait = TimeSpan.FromSeconds(5) })), new Random(1));

    private static string? Feasible(ScheduleAlgorithm algorithm, V1Pod pod, out ScheduleResult result)
    {
        result = algorithm.Schedule(new PodInfo(pod), Nodes());
        return result.SuggestedHost;
    }

    [Theory]
    [InlineData(Ltsc2019, "win-2019")]
    [InlineData(Ltsc2022, "win-2022")]
    public void Windows_images_land_on_the_compatible_build_without_a_node_selector(string image, string node)
    {
        var algorithm = Algorithm();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(node, Feasible(algorithm, Pod(image), out _));
        }
    }

    [Fact]
    public void A_linux_image_never_lands_on_a_windows_node()
    {
        var algorithm = Algorithm();
        var hosts = Enumerable.Range(0, 20).Select(i => Feasible(algorithm, Pod(Linux), out _)).ToHashSet();
        Assert.Subset(new HashSet<string?> { "linux-1", "arm-1" }, hosts);
    }

    [Fact]
    public void An_image_no_node_runs_leaves_the_pod_unschedulable_saying_why()
    {
        Assert.Null(Feasible(Algorithm(), Pod(Build19041), out var result));
        Assert.Equal(
            $"0/4 nodes are available: 4 node(s) cannot run image {Build19041}: os windows/10.0.19041 needed. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
            result.FailureMessage);
    }

    [Fact]
    public void Every_image_counts_init_containers_too()
    {
        Assert.Null(Feasible(Algorithm(), Pod(Ltsc2019, initImage: Ltsc2022), out var result));
        Assert.Contains($"3 node(s) cannot run image {Ltsc2022}: os windows/10.0.20348 needed", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains($"3 node(s) cannot run image {Ltsc2019}: os windows/10.0.17763 needed", result.FailureMessage, StringComparison.Ordinal);
        Assert.Equal("win-2022", Feasible(Algorithm(), Pod(Multi, initImage: Ltsc2022), out _));
    }

    [Fact]
    public void A_stated_os_still_applies_with_a_multi_platform_image()
    {
        var pod = Pod(Multi);
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" };
        var algorithm = Algorithm();
        var hosts = Enumerable.Range(0, 20).Select(i => Feasible(algorithm, pod, out _)).ToHashSet();
        Assert.DoesNotContain("win-2019", hosts);
        Assert.DoesNotContain("win-2022", hosts);
    }

    [Fact]
    public void A_failing_registry_gives_no_opinion_and_is_not_asked_again_soon()
    {
        _registry.Failing.Add(Ltsc2019);
        var algorithm = Algorithm();

        // No opinion: NodeOperatingSystem's "linux unless stated" decides.
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains(Feasible(algorithm, Pod(Ltsc2019), out _), new[] { "linux-1", "arm-1" });
        }

        Assert.Equal(1, _registry.Gets);
    }

    [Theory]
    [InlineData("amd64", "arm64", "arch amd64 needed")]
    [InlineData("arm64", "amd64", "arch arm64 needed")]
    public void The_architecture_is_named_when_only_it_differs(string imageArch, string nodeArch, string needed)
    {
        var node = new ApiMachinery.Images.NodePlatform("linux", nodeArch);
        Assert.Equal($"node(s) cannot run image x: {needed}", Plugin.Reason("x", [new Platform("linux", imageArch)], node));
    }

    [Fact]
    public void Several_platforms_are_all_named()
    {
        var node = new ApiMachinery.Images.NodePlatform("linux", "amd64");
        Assert.Equal("node(s) cannot run image x: os windows/10.0.17763 or windows/10.0.20348 needed", Plugin.Reason("x", [Win2019, Win2022, Win2019], node));
    }

    [Fact]
    public void Without_a_registry_the_plugin_has_no_opinion()
    {
        var state = new CycleState();
        Assert.True(new Plugin(null).PreFilter(state, new PodInfo(Pod(Ltsc2019)), Nodes()).IsSuccess);
        Assert.Contains(Plugin.PluginName, state.SkipFilterPlugins);
        Assert.DoesNotContain(NodeOperatingSystem.PluginName, state.SkipFilterPlugins);
    }

    [Fact]
    public async Task A_slow_first_read_requeues_the_pod_and_the_answer_wakes_it()
    {
        _registry.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = new ImagePlatformCache(_registry, null, new ImagePlatformOptions { MissWait = TimeSpan.FromMilliseconds(20) });
        var resolved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Resolved += () => resolved.TrySetResult();
        var algorithm = Algorithm(cache);

        Assert.Null(Feasible(algorithm, Pod(Ltsc2022), out var waiting));
        Assert.Contains($"waiting for the platforms of image {Ltsc2022} from its registry", waiting.FailureMessage, StringComparison.Ordinal);

        _registry.Gate.SetResult();
        await resolved.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("win-2022", Feasible(algorithm, Pod(Ltsc2022), out _));
        Assert.Equal(1, _registry.Gets);
    }
}
