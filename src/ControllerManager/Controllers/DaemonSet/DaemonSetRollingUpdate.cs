namespace Orchestrator.ControllerManager.Controllers.DaemonSet;

/// <summary>
/// The RollingUpdate strategy (upstream daemon/update.go rollingUpdate). Without surge, old pods are
/// deleted while fewer than maxUnavailable nodes are unavailable (the manage step then creates the
/// new pod); with maxSurge, a new pod is started next to the old one, which goes once the new one is
/// available.
/// </summary>
internal static class DaemonSetRollingUpdate
{
    public static bool AllowsSurge(V1DaemonSet ds) =>
        ds.Spec.UpdateStrategy?.Type is null or "RollingUpdate"
        && ds.Spec.UpdateStrategy?.RollingUpdate?.MaxSurge is { } surge
        && IntOrPercent.Scaled(surge, 1, roundUp: true, fallback: 0) > 0;

    /// <summary>Upstream updatedDesiredNodeCounts: percentages round up; both zero means one unavailable.</summary>
    public static (int MaxSurge, int MaxUnavailable) Limits(V1DaemonSet ds, int desired)
    {
        var rolling = ds.Spec.UpdateStrategy?.RollingUpdate;
        var maxUnavailable = IntOrPercent.Scaled(rolling?.MaxUnavailable, desired, roundUp: true, fallback: 1);
        var maxSurge = IntOrPercent.Scaled(rolling?.MaxSurge, desired, roundUp: true, fallback: 0);
        return maxUnavailable == 0 && maxSurge == 0 ? (0, 1) : (maxSurge, maxUnavailable);
    }

    public static void Plan(
        V1DaemonSet ds, IReadOnlyList<V1Node> nodes, Dictionary<string, List<V1Pod>> byNode, Dictionary<string, DaemonNodeFit.Fit> fits,
        string hash, int? desired, DateTimeOffset now, List<string> create, List<V1Pod> delete)
    {
        var (maxSurge, maxUnavailable) = Limits(ds, desired ?? 0);
        var minReady = ds.Spec.MinReadySeconds ?? 0;
        bool Available(V1Pod p) => PodState.IsAvailable(p, minReady, now);
        var candidates = nodes.Where(n => byNode.ContainsKey(n.Metadata.Name)).Select(n => n.Metadata.Name).ToList();

        if (maxSurge == 0)
        {
            var unavailable = 0;
            var replace = new List<V1Pod>();
            var optional = new List<V1Pod>();
            foreach (var node in candidates)
            {
                if (!Split(byNode[node], hash, out var fresh, out var old))
                {
                    unavailable++;
                    continue;
                }

                if ((old is null) == (fresh is null))
                {
                    unavailable++;
                }
                else if (fresh is not null)
                {
                    unavailable += Available(fresh) ? 0 : 1;
                }
                else if (!Available(old!))
                {
                    replace.Add(old!);
                }
                else if (unavailable < maxUnavailable)
                {
                    optional.Add(old!);
                }
            }

            delete.AddRange(replace);
            delete.AddRange(optional.Take(Math.Clamp(maxUnavailable - unavailable, 0, optional.Count)));
            return;
        }

        var surged = 0;
        var allowedNew = new List<string>();
        var candidateNew = new List<string>();
        foreach (var node in candidates)
        {
            if (!Split(byNode[node], hash, out var fresh, out var old))
            {
                surged++;
                continue;
            }

            if (old is null)
            {
                continue;
            }

            if (fresh is null)
            {
                if (!Available(old))
                {
                    if (!fits[node].ShouldRun)
                    {
                        delete.Add(old);
                        continue;
                    }

                    allowedNew.Add(node);
                }
                else if (surged < maxSurge)
                {
                    candidateNew.Add(node);
                }

                continue;
            }

            if (!Available(fresh))
            {
                surged++;
                continue;
            }

            delete.Add(old);
        }

        create.AddRange(allowedNew);
        create.AddRange(candidateNew.Take(Math.Clamp(maxSurge - surged, 0, candidateNew.Count)));
    }

    /// <summary>Upstream findUpdatedPodsOnNode: at most one updated and one old live pod, else false.</summary>
    private static bool Split(IEnumerable<V1Pod> onNode, string hash, out V1Pod? fresh, out V1Pod? old)
    {
        fresh = null;
        old = null;
        foreach (var pod in onNode.Where(p => p.Metadata.DeletionTimestamp is null))
        {
            if (DaemonPods.IsUpdated(pod, hash))
            {
                if (fresh is not null)
                {
                    return false;
                }

                fresh = pod;
            }
            else
            {
                if (old is not null)
                {
                    return false;
                }

                old = pod;
            }
        }

        return true;
    }
}
