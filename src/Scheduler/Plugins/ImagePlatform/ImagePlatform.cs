using Orchestrator.ApiMachinery.Images;
using Platform = Orchestrator.ApiMachinery.Images.ImagePlatform;

namespace Orchestrator.Scheduler.Plugins.ImagePlatform;

/// <summary>
/// Keeps a pod off nodes that cannot run its images (init and regular containers): the platforms each image's
/// index lists, read from its registry (<see cref="ImagePlatformCache"/>), against the node's
/// <c>kubernetes.io/os</c>, <c>kubernetes.io/arch</c> and <c>node.kubernetes.io/windows-build</c> labels
/// (<see cref="PlatformCompatibility"/>). An image whose registry failed or does not have it gives no opinion.
/// Not an upstream plugin; its reason string is ours. When every image's platforms are known and the pod states no
/// OS (spec.os, nodeSelector kubernetes.io/os), the images decide the OS, so NodeOperatingSystem's "linux unless
/// stated" default is skipped for the pod. A first read still in flight after
/// <see cref="ImagePlatformOptions.MissWait"/> makes the pod Pending ("waiting for …": requeued with no
/// FailedScheduling event) so the scheduling loop goes on; the cache's <see cref="ImagePlatformCache.Resolved"/>
/// event moves it back to the queue when the answer is in.
/// </summary>
internal sealed class ImagePlatform : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "ImagePlatform";
    private const string StateKey = PluginName;

    private readonly ImagePlatformCache? _cache;

    /// <param name="cache">Where platforms come from; null means no registry is configured: no opinion on any pod.</param>
    public ImagePlatform(ImagePlatformCache? cache) => _cache = cache;

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, Snapshot snapshot)
    {
        var spec = pod.Pod.Spec;
        if (_cache is null || spec is null)
        {
            state.SkipFilterPlugins.Add(PluginName);
            return Status.Success;
        }

        var ns = pod.Pod.Metadata.NamespaceProperty ?? "default";
        var secrets = spec.ImagePullSecrets is { Count: > 0 } refs ? refs.Select(r => r.Name).Where(n => !string.IsNullOrEmpty(n)).ToList() : [];
        var images = (spec.InitContainers ?? []).Concat(spec.Containers ?? []).Select(c => c.Image).Where(i => !string.IsNullOrEmpty(i)).Distinct(StringComparer.Ordinal).ToList();
        var lookups = images.Select(i => _cache.Lookup(i, ns, secrets)).ToList();
        if (lookups.Any(l => l.Pending is not null))
        {
            // A first read: wait briefly (a near registry answers within it), then look again.
            Task.WaitAll([.. lookups.Where(l => l.Pending is not null).Select(l => l.Pending!)], _cache.Options.MissWait);
            lookups = images.Select(i => _cache.Lookup(i, ns, secrets)).ToList();
            if (lookups.FindIndex(l => l.Pending is not null) is var waiting and >= 0)
            {
                return Status.Pending($"waiting for the platforms of image {images[waiting]} from its registry");
            }
        }

        var known = new List<(string, IReadOnlyList<Platform>)>();
        for (var i = 0; i < images.Count; i++)
        {
            if (lookups[i].Platforms is { Count: > 0 } platforms)
            {
                known.Add((images[i], platforms));
            }
        }

        if (known.Count == 0)
        {
            state.SkipFilterPlugins.Add(PluginName);
            return Status.Success;
        }

        state.Write(StateKey, new ImagePlatformState(known));
        if (string.IsNullOrEmpty(spec.Os?.Name) && spec.NodeSelector?.ContainsKey(NodePlatform.OsLabel) != true)
        {
            state.SkipFilterPlugins.Add(NodeOperatingSystem.NodeOperatingSystem.PluginName);
        }

        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        if (state.Read<ImagePlatformState>(StateKey) is not { } images)
        {
            return Status.Success;
        }

        var node = nodeInfo.Platform;
        if (ReferenceEquals(node, images.LastNode) && images.LastStatus is { } remembered)
        {
            return remembered;
        }

        List<string>? reasons = null;
        foreach (var (image, platforms) in images.Images)
        {
            if (!CanRunAny(node, platforms))
            {
                (reasons ??= []).Add(Reason(image, platforms, node));
            }
        }

        var status = reasons is null ? Status.Success : Status.Unresolvable([.. reasons]);
        images.LastNode = node;
        images.LastStatus = status;
        return status;
    }

    private static bool CanRunAny(NodePlatform node, IReadOnlyList<Platform> platforms)
    {
        foreach (var platform in platforms)
        {
            if (PlatformCompatibility.CanRun(node, platform))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "node(s) cannot run image X: os windows/10.0.17763 needed" — the OS (with the Windows build) the image offers
    /// when none suits the node, else the architectures of those that do.
    /// </summary>
    internal static string Reason(string image, IReadOnlyList<Platform> platforms, NodePlatform node)
    {
        var sameOs = platforms.Where(p => PlatformCompatibility.OsMatches(node, p)).ToList();
        var needed = sameOs.Count > 0
            ? "arch " + string.Join(" or ", sameOs.Select(p => PlatformCompatibility.NormalizeArchitecture(p.Architecture)).Distinct(StringComparer.Ordinal))
            : "os " + string.Join(" or ", platforms.Select(Describe).Distinct(StringComparer.Ordinal));
        return $"node(s) cannot run image {image}: {needed} needed";
    }

    private static string Describe(Platform platform) =>
        string.Equals(platform.Os, "windows", StringComparison.OrdinalIgnoreCase) && WindowsVersion.TryParse(platform.OsVersion, out var version)
            ? platform.Os + "/" + version
            : platform.Os;
}
