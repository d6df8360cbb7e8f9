namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>Pod writes of the Job controller: creates, deletes and tracking-finalizer removal.</summary>
internal sealed partial class JobController
{
    private async Task DeletePodsAsync(NamespacedName key, V1Job job, JobPlan plan, CancellationToken ct)
    {
        if (plan.Delete.Count == 0)
        {
            return;
        }

        _expectations.ExpectDeletions(key, plan.Delete.Count);
        Exception? failure = null;
        foreach (var pod in plan.Delete)
        {
            Func<Task>? releaseFirst = plan.DeleteWithoutFinalizer && JobPods.HasTrackingFinalizer(pod)
                ? () => RemoveFinalizersAsync(key, [pod], ct)
                : null;
            var error = await _podControl.DeleteAsync(key, job, pod, ct, releaseFirst);
            failure ??= error;
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"deleting pods of job {key}", failure);
        }
    }

    /// <summary>Creates pods in slow-start batches (1, 2, 4, …); a failing batch stops the rest.</summary>
    private async Task CreatePodsAsync(NamespacedName key, V1Job job, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        if (pods.Count == 0)
        {
            return;
        }

        _expectations.ExpectCreations(key, pods.Count);
        var next = 0;
        for (var batch = 1; next < pods.Count; batch *= 2)
        {
            var chunk = pods.Skip(next).Take(batch).ToList();
            next += chunk.Count;
            var results = await Task.WhenAll(chunk.Select(pod => _podControl.CreateAsync(key, job, pod, ct)));
            var failure = results.FirstOrDefault(e => e is not null);
            if (failure is not null)
            {
                for (var skipped = next; skipped < pods.Count; skipped++)
                {
                    _expectations.CreationObserved(key);
                }

                throw new InvalidOperationException($"creating pods of job {key}", failure);
            }
        }
    }

    /// <summary>Removes the tracking finalizer; returns the UIDs released (a vanished pod counts as released).</summary>
    private async Task<HashSet<string>> RemoveFinalizersAsync(NamespacedName key, IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        var released = new HashSet<string>();
        if (pods.Count == 0)
        {
            return released;
        }

        _finalizerRemovals.Expect(key, pods.Select(p => p.Metadata.Uid));
        var patch = new V1Patch(
            $$$"""{"metadata":{"$deleteFromPrimitiveList/finalizers":["{{{JobConstants.TrackingFinalizer}}}"]}}""",
            V1Patch.PatchType.StrategicMergePatch);
        Exception? failure = null;
        foreach (var pod in pods)
        {
            try
            {
                await Context.Client.CoreV1.PatchNamespacedPodAsync(patch, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct);
                released.Add(pod.Metadata.Uid);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _finalizerRemovals.Observed(key, pod.Metadata.Uid);
                released.Add(pod.Metadata.Uid);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _finalizerRemovals.Observed(key, pod.Metadata.Uid);
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"removing tracking finalizers of job {key}", failure);
        }

        return released;
    }
}
