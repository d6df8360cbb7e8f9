namespace Orchestrator.ApiServer.Tables.Printers;

/// <summary>
/// The READY, STATUS and RESTARTS of a pod, computed as upstream's printPod does: the status is
/// the phase (or status.reason), overridden by the first unfinished init container
/// ("Init:1/2", "Init:CrashLoopBackOff", "Init:ExitCode:1"), then by the containers' waiting or
/// terminated reasons, and finally by "Terminating" while a deletion is pending.
/// </summary>
internal sealed record PodSummary(int Ready, int Total, string Status, long Restarts, DateTimeOffset? LastRestart)
{
    public static PodSummary Of(JsonObject pod)
    {
        var spec = pod["spec"];
        var status = pod["status"];
        var initSpecs = spec.Objects("initContainers");
        var sidecars = initSpecs.Where(IsRestartable).Select(c => c.String("name")).ToHashSet(StringComparer.Ordinal);
        var total = spec.Objects("containers").Count + initSpecs.Count(IsRestartable);

        var phase = status.String("phase");
        var reason = status.String("reason") is { Length: > 0 } podReason ? podReason : phase;
        if (status.Objects("conditions").Any(c => c.String("type") == "PodScheduled" && c.String("reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var ready = 0;
        long restarts = 0, sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null, lastSidecarRestart = null;
        var initializing = false;
        var initStatuses = status.Objects("initContainerStatuses");
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var finishedAt = container.Time("lastState", "terminated", "finishedAt");
            restarts += container.Long("restartCount");
            lastRestart = Latest(lastRestart, finishedAt);
            var isSidecar = sidecars.Contains(container.String("name"));
            if (isSidecar)
            {
                sidecarRestarts += container.Long("restartCount");
                lastSidecarRestart = Latest(lastSidecarRestart, finishedAt);
            }

            var terminated = container.At("state", "terminated") as JsonObject;
            var waitingReason = container.String("state", "waiting", "reason");
            if (terminated is not null && terminated.Long("exitCode") == 0)
            {
                continue;
            }

            if (isSidecar && container.Bool("started"))
            {
                ready += container.Bool("ready") ? 1 : 0;
                continue;
            }

            reason = terminated is not null ? "Init:" + TerminatedReason(terminated)
                : waitingReason is { Length: > 0 } and not "PodInitializing" ? "Init:" + waitingReason
                : $"Init:{i}/{initSpecs.Count}";
            initializing = true;
            break;
        }

        if (!initializing || HasTrueCondition(status, "Initialized"))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status.Objects("containerStatuses");

            // Walked backwards so that the first container's state has the last word, as upstream's does.
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.Long("restartCount");
                lastRestart = Latest(lastRestart, container.Time("lastState", "terminated", "finishedAt"));
                var terminated = container.At("state", "terminated") as JsonObject;
                if (container.String("state", "waiting", "reason") is { Length: > 0 } waitingReason)
                {
                    reason = waitingReason;
                }
                else if (terminated is not null)
                {
                    reason = TerminatedReason(terminated);
                }
                else if (container.Bool("ready") && container.At("state", "running") is JsonObject)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            // A pod whose last container completed while another still runs is not "Completed".
            if (reason == "Completed" && hasRunning)
            {
                reason = HasTrueCondition(status, "Ready") ? "Running" : "NotReady";
            }
        }

        if (ObjectCells.IsDeleting(pod) && status.String("reason") == "NodeLost")
        {
            reason = "Unknown";
        }
        else if (ObjectCells.IsDeleting(pod) && phase is not ("Succeeded" or "Failed"))
        {
            reason = "Terminating";
        }

        return new PodSummary(ready, total, reason, restarts, lastRestart);
    }

    /// <summary>The READY cell: "ready/total".</summary>
    public string ReadyCell => $"{Ready}/{Total}";

    /// <summary>The RESTARTS cell: "0", or "3 (2m ago)" when the last restart time is known.</summary>
    public string RestartsCell(DateTimeOffset now) =>
        Restarts != 0 && LastRestart is { } last ? $"{Restarts} ({HumanDuration.Since(last, now)} ago)" : $"{Restarts}";

    private static bool IsRestartable(JsonObject initContainer) => initContainer.String("restartPolicy") == "Always";

    private static string TerminatedReason(JsonObject terminated) =>
        terminated.String("reason") is { Length: > 0 } reason ? reason
        : terminated.Long("signal") != 0 ? $"Signal:{terminated.Long("signal")}"
        : $"ExitCode:{terminated.Long("exitCode")}";

    private static bool HasTrueCondition(JsonNode? status, string type) =>
        status.Objects("conditions").Any(c => c.String("type") == type && c.String("status") == "True");

    private static DateTimeOffset? Latest(DateTimeOffset? current, DateTimeOffset? candidate) =>
        candidate is { } c && (current is null || c > current) ? c : current;
}
