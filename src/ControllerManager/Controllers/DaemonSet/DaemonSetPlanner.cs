namespace Orchestrator.ControllerManager.Controllers.DaemonSet;

/// <summary>
/// Decides one sync of a DaemonSet (upstream manage + rollingUpdate + updateDaemonSetStatus) as a
/// pure function of the DaemonSet, the nodes, the pods it controls and the current revision hash.
/// </summary>
internal static class DaemonSetPlanner
{
    public static DaemonSetPlan Compute(
        V1DaemonSet ds, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods, string hash, bool expectationsSatisfied, DateTimeOffset now)
    {
        var spec = DaemonPods.SpecWithTolerations(ds.Spec.Template.Spec);
        var byNode = pods
            .Where(p => !(PodState.IsTerminal(p) && p.Metadata.DeletionTimestamp is not null))
            .GroupBy(p => DaemonPods.NodeOf(p) ?? "")
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList());
        var fits = nodes.ToDictionary(n => n.Metadata.Name, n => DaemonNodeFit.Evaluate(n, spec));
        var status = Status(ds, nodes, byNode, fits, hash, now);

        var create = new List<string>();
        var delete = new List<V1Pod>();
        var events = new List<DaemonSetEvent>();
        if (expectationsSatisfied && ds.Metadata.DeletionTimestamp is null)
        {
            Manage(ds, nodes, byNode, fits, hash, create, delete, events);
            if (ds.Spec.UpdateStrategy?.Type is null or "RollingUpdate")
            {
                DaemonSetRollingUpdate.Plan(ds, nodes, byNode, fits, hash, status.DesiredNumberScheduled, now, create, delete);
            }
        }

        TimeSpan? requeue = ds.Spec.MinReadySeconds is > 0 && status.NumberReady != (status.NumberAvailable ?? 0)
            ? TimeSpan.FromSeconds(ds.Spec.MinReadySeconds.Value)
            : null;
        return new DaemonSetPlan(create, delete.DistinctBy(p => p.Metadata.Uid).ToList(), status, events, requeue);
    }

    /// <summary>Upstream podsShouldBeOnNode, for every node and for pods whose node is gone.</summary>
    private static void Manage(
        V1DaemonSet ds, IReadOnlyList<V1Node> nodes, Dictionary<string, List<V1Pod>> byNode, Dictionary<string, DaemonNodeFit.Fit> fits,
        string hash, List<string> create, List<V1Pod> delete, List<DaemonSetEvent> events)
    {
        var surge = DaemonSetRollingUpdate.AllowsSurge(ds);
        foreach (var node in nodes)
        {
            var name = node.Metadata.Name;
            var fit = fits[name];
            var onNode = byNode.GetValueOrDefault(name) ?? [];
            if (fit.ShouldRun && onNode.Count == 0)
            {
                create.Add(name);
            }
            else if (fit.ShouldContinueRunning && onNode.Count > 0)
            {
                var running = new List<V1Pod>();
                foreach (var pod in onNode.Where(p => p.Metadata.DeletionTimestamp is null))
                {
                    if (pod.Status?.Phase == "Failed")
                    {
                        events.Add(new DaemonSetEvent("Warning", "FailedDaemonPod", $"Found failed daemon pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} on node {name}, will try to kill it"));
                        delete.Add(pod);
                    }
                    else if (pod.Status?.Phase == "Succeeded")
                    {
                        delete.Add(pod);
                    }
                    else
                    {
                        running.Add(pod);
                    }
                }

                // One pod per node; while surging, one updated and one old pod may coexist.
                if (surge)
                {
                    var updated = running.Where(p => DaemonPods.IsUpdated(p, hash)).ToList();
                    var old = running.Where(p => !DaemonPods.IsUpdated(p, hash)).ToList();
                    delete.AddRange(updated.Skip(1));
                    delete.AddRange(old.Skip(1));
                }
                else
                {
                    delete.AddRange(running.Skip(1));
                }
            }
            else if (!fit.ShouldContinueRunning && onNode.Count > 0)
            {
                delete.AddRange(onNode.Where(p => p.Metadata.DeletionTimestamp is null));
            }
        }

        // Pods pinned to nodes that no longer exist (or to no node at all) can never run.
        foreach (var (nodeName, orphans) in byNode)
        {
            if (!fits.ContainsKey(nodeName))
            {
                delete.AddRange(orphans.Where(p => p.Metadata.DeletionTimestamp is null));
            }
        }

    }

    private static V1DaemonSetStatus Status(
        V1DaemonSet ds, IReadOnlyList<V1Node> nodes, Dictionary<string, List<V1Pod>> byNode, Dictionary<string, DaemonNodeFit.Fit> fits,
        string hash, DateTimeOffset now)
    {
        int desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
        foreach (var node in nodes)
        {
            var onNode = byNode.GetValueOrDefault(node.Metadata.Name) ?? [];
            if (!fits[node.Metadata.Name].ShouldRun)
            {
                misscheduled += onNode.Count > 0 ? 1 : 0;
                continue;
            }

            desired++;
            if (onNode.Count == 0)
            {
                continue;
            }

            current++;
            var pod = onNode[0];
            if (PodState.IsReady(pod))
            {
                ready++;
                available += PodState.IsAvailable(pod, ds.Spec.MinReadySeconds ?? 0, now) ? 1 : 0;
            }

            updated += DaemonPods.IsUpdated(pod, hash) ? 1 : 0;
        }

        return new V1DaemonSetStatus
        {
            DesiredNumberScheduled = desired,
            CurrentNumberScheduled = current,
            NumberMisscheduled = misscheduled,
            NumberReady = ready,
            NumberAvailable = available,
            NumberUnavailable = desired - available,
            UpdatedNumberScheduled = updated,
            ObservedGeneration = ds.Metadata.Generation,
            CollisionCount = ds.Status?.CollisionCount,
            Conditions = ds.Status?.Conditions,
        };
    }
}
