namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>The pods to create or delete so a running Job has the active pods it wants (upstream manageJob).</summary>
internal static class JobPodManager
{
    internal sealed record Result(IReadOnlyList<V1Pod> Create, IReadOnlyList<V1Pod> Delete, TimeSpan? RetryAfter);

    public static Result Manage(
        V1Job job, IReadOnlyList<V1Pod> active, IReadOnlyList<V1Pod> all, int succeeded, IReadOnlySet<int> succeededIndexes, bool suspended, DateTimeOffset now)
    {
        if (suspended)
        {
            return new Result([], [.. active], null);
        }

        var parallelism = job.Spec.Parallelism ?? 1;
        int wantActive;
        if (job.Spec.Completions is not { } completions)
        {
            // Without completions the Job is done once any pod succeeds: leave the rest running.
            wantActive = succeeded > 0 ? active.Count : parallelism;
        }
        else
        {
            wantActive = Math.Clamp(completions - succeeded, 0, parallelism);
        }

        var delete = ForRemoval(job, active, Math.Max(active.Count - wantActive, 0));
        if (delete.Count > 0)
        {
            // Like upstream: one sync either deletes or creates, deletion first.
            return new Result([], [.. delete.Take(JobConstants.MaxPodCreateDeletePerSync)], null);
        }

        // Terminating pods are not replaced until they are gone (podReplacementPolicy TerminatingOrFailed).
        var diff = Math.Min(wantActive - active.Count, JobConstants.MaxPodCreateDeletePerSync);
        if (diff <= 0)
        {
            return new Result([], [], null);
        }

        if (BackoffRemaining(all, now) is { } wait && wait > TimeSpan.Zero)
        {
            return new Result([], [], wait);
        }

        if (!JobPods.IsIndexed(job))
        {
            return new Result([.. Enumerable.Range(0, diff).Select(_ => JobPods.New(job, -1))], [], null);
        }

        var held = active.Select(JobPods.CompletionIndex).ToHashSet();
        var indexes = Enumerable.Range(0, job.Spec.Completions ?? 0)
            .Where(i => !succeededIndexes.Contains(i) && !held.Contains(i))
            .Take(diff);
        return new Result([.. indexes.Select(i => JobPods.New(job, i))], [], null);
    }

    /// <summary>
    /// Active pods to delete: for Indexed Jobs first those with a missing, out-of-range or duplicated
    /// index; then the ones in the earliest stage (not ready before ready, pending before running).
    /// </summary>
    private static List<V1Pod> ForRemoval(V1Job job, IReadOnlyList<V1Pod> active, int atLeast)
    {
        var remove = new List<V1Pod>();
        var left = new List<V1Pod>();
        if (JobPods.IsIndexed(job))
        {
            var seen = new HashSet<int>();
            foreach (var pod in active.OrderBy(p => p, Comparer<V1Pod>.Create((a, b) => -ActivePodOrder.CompareForDeletion(a, b))))
            {
                var index = JobPods.CompletionIndex(pod);
                if (index < 0 || index >= job.Spec.Completions || !seen.Add(index))
                {
                    remove.Add(pod);
                }
                else
                {
                    left.Add(pod);
                }
            }
        }
        else
        {
            left.AddRange(active);
        }

        if (remove.Count < atLeast)
        {
            left.Sort(ActivePodOrder.CompareForDeletion);
            remove.AddRange(left.Take(atLeast - remove.Count));
        }

        return remove;
    }

    /// <summary>
    /// Exponential back-off after consecutive failures (upstream backoff record): 10 s doubled per
    /// failure since the last success, at most 6 minutes, counted from the last failure.
    /// </summary>
    internal static TimeSpan? BackoffRemaining(IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        var finished = pods.Where(p => JobPods.IsSucceeded(p) || p.Status?.Phase == "Failed")
            .OrderBy(JobPods.FinishTime)
            .ToList();
        var failures = 0;
        DateTimeOffset? lastFailure = null;
        for (var i = finished.Count - 1; i >= 0 && !JobPods.IsSucceeded(finished[i]); i--)
        {
            failures++;
            lastFailure ??= JobPods.FinishTime(finished[i]);
        }

        if (failures == 0)
        {
            return null;
        }

        var delay = TimeSpan.FromTicks(Math.Min(
            JobConstants.PodFailureBackOff.Ticks * (1L << Math.Min(failures - 1, 20)),
            JobConstants.MaxPodFailureBackOff.Ticks));
        return lastFailure!.Value + delay - now;
    }
}
