namespace Orchestrator.ControllerManager.Controllers.Deployment;

/// <summary>Revision and replica annotations on a deployment's new ReplicaSet (upstream's <c>SetNewReplicaSetAnnotations</c>).</summary>
internal static class Revisions
{
    /// <summary>
    /// Copies the deployment's annotations onto <paramref name="rs"/> (a copy, mutated in place), raises
    /// its revision to <paramref name="newRevision"/> if lower — recording the replaced revision in
    /// the revision history, which is what a rollback to an old template looks like — and, for a
    /// ReplicaSet about to be created, sets the desired/max replicas annotations.
    /// </summary>
    /// <returns>Whether any annotation changed.</returns>
    public static bool SetNewReplicaSetAnnotations(V1Deployment d, V1ReplicaSet rs, long newRevision, bool exists)
    {
        rs.Metadata.Annotations ??= new Dictionary<string, string>();
        var annotations = rs.Metadata.Annotations;
        var changed = false;
        foreach (var (key, value) in d.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (DeploymentAnnotations.NotCopied.Contains(key) || (annotations.TryGetValue(key, out var existing) && existing == value))
            {
                continue;
            }

            annotations[key] = value;
            changed = true;
        }

        var hadRevision = annotations.TryGetValue(DeploymentAnnotations.Revision, out var oldRevisionText);
        long oldRevision = 0;
        if (hadRevision && !long.TryParse(oldRevisionText, NumberStyles.Integer, CultureInfo.InvariantCulture, out oldRevision))
        {
            return false;
        }

        if (oldRevision < newRevision)
        {
            annotations[DeploymentAnnotations.Revision] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
            if (hadRevision)
            {
                AppendHistory(annotations, oldRevisionText!);
            }
        }

        if (!exists && SetReplicasAnnotations(rs, RolloutLimits.Replicas(d), RolloutLimits.Replicas(d) + RolloutLimits.MaxSurge(d)))
        {
            changed = true;
        }

        return changed;
    }

    /// <summary>Sets the desired/max replicas annotations; true if they changed.</summary>
    public static bool SetReplicasAnnotations(V1ReplicaSet rs, int desired, int max)
    {
        rs.Metadata.Annotations ??= new Dictionary<string, string>();
        var changed = false;
        foreach (var (key, value) in new[] { (DeploymentAnnotations.DesiredReplicas, desired), (DeploymentAnnotations.MaxReplicas, max) })
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (!rs.Metadata.Annotations.TryGetValue(key, out var existing) || existing != text)
            {
                rs.Metadata.Annotations[key] = text;
                changed = true;
            }
        }

        return changed;
    }

    public static bool ReplicasAnnotationsNeedUpdate(V1ReplicaSet rs, int desired, int max) =>
        ReplicaSets.IntAnnotation(rs, DeploymentAnnotations.DesiredReplicas) != desired
        || ReplicaSets.IntAnnotation(rs, DeploymentAnnotations.MaxReplicas) != max;

    private static void AppendHistory(IDictionary<string, string> annotations, string oldRevision)
    {
        var history = annotations.TryGetValue(DeploymentAnnotations.RevisionHistory, out var text) ? text : "";
        if (history.Length == 0)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = oldRevision;
            return;
        }

        // Keep the newest entries within the length limit.
        var entries = history.Split(',').ToList();
        var total = history.Length + oldRevision.Length + 1;
        var start = 0;
        while (total > DeploymentAnnotations.MaxRevisionHistoryLength && start < entries.Count)
        {
            total -= entries[start].Length + 1;
            start++;
        }

        if (total <= DeploymentAnnotations.MaxRevisionHistoryLength)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = string.Join(',', entries.Skip(start).Append(oldRevision));
        }
    }
}
