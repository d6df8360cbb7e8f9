using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

/// <summary>
/// Upstream's VolumeBinding plugin. PreFilter: every claim of the pod exists and is not being deleted, and none
/// is an unbound Immediate claim (the binder's job). Filter: the volumes of bound claims must admit the node;
/// unbound WaitForFirstConsumer claims need a matching volume or a provisioner there (<see cref="PodVolumeMatcher"/>).
/// Reserve remembers the node's choice so no other pod takes those volumes; PreBind (VolumeBinding.Bind.cs)
/// writes it and waits until every claim is bound.
/// </summary>
internal sealed partial class VolumeBinding : IPreFilterPlugin, IFilterPlugin, IReservePlugin, IPreBindPlugin
{
    public const string PluginName = "VolumeBinding";
    public const string ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
    public const string ErrReasonNodeConflict = "node(s) had volume node affinity conflict";
    public const string ErrReasonPvNotExist = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
    public const string ErrReasonImmediate = "pod has unbound immediate PersistentVolumeClaims";
    private const string StateKey = PluginName;

    private readonly IVolumeBindingSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _bindTimeout;
    private readonly TimeSpan _pollInterval;
    private readonly Dictionary<string, string> _assumed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <param name="source">Claims, volumes and classes, and the writes of PreBind.</param>
    /// <param name="time">The clock of PreBind's wait.</param>
    /// <param name="bindTimeout">How long PreBind waits for the claims to be bound (upstream's bindTimeoutSeconds, 600 s).</param>
    /// <param name="pollInterval">How often PreBind looks again without a change of a claim or volume (upstream polls every second; a change wakes it at once).</param>
    public VolumeBinding(IVolumeBindingSource source, TimeProvider? time = null, TimeSpan? bindTimeout = null, TimeSpan? pollInterval = null)
    {
        _source = source;
        _time = time ?? TimeProvider.System;
        _bindTimeout = bindTimeout ?? TimeSpan.FromSeconds(600);
        _pollInterval = pollInterval ?? TimeSpan.FromSeconds(1);
    }

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, Snapshot snapshot)
    {
        var spec = pod.Pod.Spec;
        var ns = pod.Pod.Metadata.NamespaceProperty ?? "default";
        var bound = new List<(V1PersistentVolumeClaim, V1PersistentVolume?)>();
        var toBind = new List<V1PersistentVolumeClaim>();
        var immediate = false;
        foreach (var volume in spec?.Volumes ?? [])
        {
            var ephemeral = volume.Ephemeral is not null;
            var name = ephemeral ? pod.Pod.Metadata.Name + "-" + volume.Name : volume.PersistentVolumeClaim?.ClaimName;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var claim = _source.GetClaim(ns, name);
            if (claim is null)
            {
                return Status.Unresolvable(ephemeral
                    ? $"waiting for ephemeral volume controller to create the persistentvolumeclaim \"{name}\""
                    : $"persistentvolumeclaim \"{name}\" not found");
            }

            if (claim.Metadata.DeletionTimestamp is not null)
            {
                return Status.Unresolvable($"persistentvolumeclaim \"{name}\" is being deleted");
            }

            if (!string.IsNullOrEmpty(claim.Spec?.VolumeName) && claim.Metadata.Annotations?.ContainsKey(StorageAnnotations.BindCompleted) == true)
            {
                bound.Add((claim, _source.GetVolume(claim.Spec.VolumeName)));
            }
            else if (StorageClasses.IsDelayBinding(_source.GetClass(VolumeMatching.ClaimClass(claim))))
            {
                toBind.Add(claim);
            }
            else
            {
                immediate = true;
            }
        }

        if (immediate)
        {
            return Status.Unresolvable(ErrReasonImmediate);
        }

        if (bound.Count == 0 && toBind.Count == 0)
        {
            state.SkipFilterPlugins.Add(PluginName);
            return Status.Success;
        }

        state.Write(StateKey, new VolumeBindingState
        {
            Bound = bound,
            ToBind = [.. toBind.OrderBy(c => VolumeMatching.Storage(c.Spec?.Resources?.Requests))],
            Volumes = toBind.Count == 0 ? [] : _source.ListVolumes(),
            Classes = toBind.Select(VolumeMatching.ClaimClass).Distinct(StringComparer.Ordinal).ToDictionary(c => c, _source.GetClass, StringComparer.Ordinal),
            Assumed = AssumedByOthers(toBind),
        });
        return Status.Success;
    }

    public Status Filter(CycleState state, V1Pod pod, NodeInfo nodeInfo)
    {
        if (state.Read<VolumeBindingState>(StateKey) is not { } volumes)
        {
            return Status.Success;
        }

        if (nodeInfo.Node is not { } node)
        {
            return Status.Unresolvable(ErrReasonNodeConflict);
        }

        var reasons = new List<string>();
        foreach (var (_, volume) in volumes.Bound)
        {
            var reason = volume is null ? ErrReasonPvNotExist : VolumeMatching.NodeAffinityMatches(volume, node) ? null : ErrReasonNodeConflict;
            if (reason is not null && !reasons.Contains(reason))
            {
                reasons.Add(reason);
            }
        }

        if (volumes.ToBind.Count > 0)
        {
            if (PodVolumeMatcher.Match(volumes, node) is { } decision)
            {
                volumes.ByNode[node.Metadata.Name] = decision;
            }
            else
            {
                reasons.Add(ErrReasonBindConflict);
            }
        }

        return reasons.Count == 0 ? Status.Success : Status.Unresolvable([.. reasons]);
    }

    /// <summary>Volumes reserved by other pods' claims (a claim of this pod may take back its own).</summary>
    private HashSet<string> AssumedByOthers(List<V1PersistentVolumeClaim> claims)
    {
        var own = claims.Select(Key).ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            return _assumed.Where(kv => !own.Contains(kv.Value)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
        }
    }

    private static string Key(V1PersistentVolumeClaim claim) => claim.Metadata.NamespaceProperty + "/" + claim.Metadata.Name;
}
