using System.Globalization;
using Orchestrator.ApiMachinery.Objects;
using Orchestrator.ApiMachinery.Storage;

namespace Orchestrator.Scheduler.Plugins.VolumeBinding;

internal sealed partial class VolumeBinding
{
    public const string TimedOut = "binding volumes: timed out waiting for the condition";

    public Status Reserve(CycleState state, V1Pod pod, string nodeName)
    {
        if (state.Read<VolumeBindingState>(StateKey) is not { ToBind.Count: > 0 } volumes)
        {
            return Status.Success;
        }

        if (!volumes.ByNode.TryGetValue(nodeName, out var decision))
        {
            return Status.Error($"no volume decision for node {nodeName}");
        }

        lock (_lock)
        {
            foreach (var (claim, volume) in decision.StaticBindings)
            {
                if (_assumed.TryGetValue(volume.Metadata.Name, out var holder) && holder != Key(claim))
                {
                    return Status.Unschedulable(ErrReasonBindConflict);
                }
            }

            foreach (var (claim, volume) in decision.StaticBindings)
            {
                _assumed[volume.Metadata.Name] = Key(claim);
            }
        }

        volumes.Reserved = decision;
        return Status.Success;
    }

    public void Unreserve(CycleState state, V1Pod pod, string nodeName)
    {
        if (state.Read<VolumeBindingState>(StateKey) is { Reserved: { } decision } volumes)
        {
            Forget(decision);
            volumes.Reserved = null;
        }
    }

    /// <summary>
    /// Upstream's BindPodVolumes: each chosen volume gets its claimRef (the binder completes the binding), each claim
    /// to provision the selected-node annotation (its provisioner acts); then waits until every claim is bound, for
    /// at most the bind timeout. A claim whose selected node a provisioner took away failed provisioning.
    /// </summary>
    public async Task<Status> PreBindAsync(CycleState state, V1Pod pod, string nodeName, CancellationToken ct)
    {
        if (state.Read<VolumeBindingState>(StateKey) is not { Reserved: { IsEmpty: false } decision })
        {
            return Status.Success;
        }

        // The claims as this PreBind wrote them: the informer may still hold the versions before the writes, and
        // read alone a claim without its new selected-node would look like failed provisioning (upstream reads
        // its assume cache, which holds the written versions, for the same reason).
        var written = new Dictionary<string, V1PersistentVolumeClaim>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(_bindTimeout, _time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            foreach (var (claim, volume) in decision.StaticBindings)
            {
                if (VolumeClaimBinding.BindVolumeToClaim(_source.GetVolume(volume.Metadata.Name) ?? volume, claim) is { } changed)
                {
                    await _source.UpdateVolumeAsync(changed, both.Token);
                }
            }

            foreach (var claim in decision.Provisions)
            {
                var current = _source.GetClaim(claim.Metadata.NamespaceProperty, claim.Metadata.Name) ?? claim;
                if (current.Metadata.Annotations?.TryGetValue(StorageAnnotations.SelectedNode, out var selected) != true || selected != nodeName)
                {
                    var copy = ObjectCopy.Deep(current);
                    copy.Metadata.Annotations ??= new Dictionary<string, string>();
                    copy.Metadata.Annotations[StorageAnnotations.SelectedNode] = nodeName;
                    written[Key(claim)] = await _source.UpdateClaimAsync(copy, both.Token);
                }
            }

            while (true)
            {
                // Taken before the look, so a change between the look and the wait is not missed.
                var change = _source.NextChange;
                if (AllBound(decision, written))
                {
                    break;
                }

                await Task.WhenAny(change, Task.Delay(_pollInterval, _time, both.Token));
                both.Token.ThrowIfCancellationRequested();
            }

            return Status.Success;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Status.Error(TimedOut);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Status.Error("binding volumes: " + e.Message);
        }
        finally
        {
            // Written (or failed): the informers carry the claimRefs from now on.
            Forget(decision);
        }
    }

    /// <summary>Every claim of the decision is bound to a volume that points back at it.</summary>
    private bool AllBound(PodVolumes decision, Dictionary<string, V1PersistentVolumeClaim> written)
    {
        foreach (var claim in decision.StaticBindings.Select(b => b.Claim).Concat(decision.Provisions))
        {
            var cached = _source.GetClaim(claim.Metadata.NamespaceProperty, claim.Metadata.Name)
                ?? throw new InvalidOperationException($"failed to get PVC \"{Key(claim)}\": not found");
            var current = written.TryGetValue(Key(claim), out var ours) && IsOlder(cached, ours) ? ours : cached;
            if (current.Metadata.Uid != claim.Metadata.Uid)
            {
                throw new InvalidOperationException($"PVC \"{Key(claim)}\" was deleted and recreated");
            }

            if (decision.Provisions.Contains(claim) && current.Metadata.Annotations?.ContainsKey(StorageAnnotations.SelectedNode) != true
                && string.IsNullOrEmpty(current.Spec?.VolumeName))
            {
                throw new InvalidOperationException($"provisioning failed for PVC \"{claim.Metadata.Name}\"");
            }

            if (string.IsNullOrEmpty(current.Spec?.VolumeName) || current.Metadata.Annotations?.ContainsKey(StorageAnnotations.BindCompleted) != true
                || _source.GetVolume(current.Spec.VolumeName)?.Spec?.ClaimRef?.Uid != current.Metadata.Uid)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The cache's copy predates the write (resourceVersions compared as numbers, as upstream's assume cache does).</summary>
    private static bool IsOlder(V1PersistentVolumeClaim cached, V1PersistentVolumeClaim written) =>
        long.TryParse(cached.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var have)
        && long.TryParse(written.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var wrote)
        && have < wrote;

    private void Forget(PodVolumes decision)
    {
        lock (_lock)
        {
            foreach (var (claim, volume) in decision.StaticBindings)
            {
                if (_assumed.TryGetValue(volume.Metadata.Name, out var holder) && holder == Key(claim))
                {
                    _assumed.Remove(volume.Metadata.Name);
                }
            }
        }
    }
}
