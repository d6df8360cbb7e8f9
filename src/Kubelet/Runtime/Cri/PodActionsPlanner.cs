namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// Decides what one sync of a pod must do, from its spec and what the runtime holds — upstream's
/// computePodActions as a pure function: a pod whose sandbox is gone or not ready is restarted as
/// a whole; init containers run one at a time, in order, before any regular container; a regular
/// container that is not running is started again when its restartPolicy says so; a running one
/// whose spec changed or that failed its liveness or startup probe is stopped (and restarted per
/// restartPolicy); a pod with nothing left to run has its sandbox stopped. Ephemeral containers
/// the runtime has never held are started once in the running sandbox, even while initialisation
/// is under way, and never restarted.
/// </summary>
internal static class PodActionsPlanner
{
    /// <param name="pod">The desired pod.</param>
    /// <param name="state">The pod's sandboxes and containers, newest first.</param>
    /// <param name="hashOf">The hash of a container spec, compared with the one its container was created from.</param>
    /// <param name="probeFailure">For a running container, why probes say it must be killed (or null).</param>
    public static PodActions Compute(V1Pod pod, PodRuntimeState state, Func<V1Container, string> hashOf, Func<ContainerRecord, string?> probeFailure)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(hashOf);
        ArgumentNullException.ThrowIfNull(probeFailure);
        var restartPolicy = pod.Spec.RestartPolicy ?? "Always";
        var restartOnFailure = restartPolicy != "Never";
        var (createSandbox, attempt, sandboxId) = SandboxChanged(pod, state);
        if (createSandbox)
        {
            return NewSandbox(pod, state, restartPolicy, attempt, sandboxId);
        }

        var actions = new PodActions { SandboxId = sandboxId, Attempt = attempt, EphemeralContainersToStart = EphemeralToStart(pod, state) };
        var (lastInit, nextInit, initDone) = NextInitContainer(pod, state);
        if (!initDone)
        {
            if (nextInit is null)
            {
                return actions; // an init container is running
            }

            var failed = lastInit is not null && InitFailed(lastInit);
            return failed && !restartOnFailure
                ? actions with { KillPod = true }
                : actions with { NextInitContainer = nextInit.Name };
        }

        var toStart = new List<string>();
        var toKill = new List<ContainerToKill>();
        var keep = 0;
        foreach (var container in pod.Spec.Containers)
        {
            var latest = state.Latest(container.Name);
            if (latest is null || latest.State != CriContainerState.Running)
            {
                if (ShouldRestart(pod, restartPolicy, latest))
                {
                    toStart.Add(container.Name);
                }

                continue;
            }

            string message;
            var restart = restartOnFailure;
            if (latest.Hash != hashOf(container))
            {
                message = $"Container {container.Name} definition changed";
                restart = true;
            }
            else if (probeFailure(latest) is { } failure)
            {
                message = failure;
            }
            else
            {
                keep++;
                continue;
            }

            if (restart)
            {
                message += ", will be restarted";
                toStart.Add(container.Name);
            }

            toKill.Add(new ContainerToKill(latest.Id, container.Name, message));
        }

        return actions with
        {
            KillPod = keep == 0 && toStart.Count == 0,
            ContainersToStart = toStart,
            ContainersToKill = toKill,
            PodInitialized = true,
        };
    }

    /// <summary>
    /// upstream's EphemeralContainersToStart: each ephemeral container of which the runtime holds no
    /// instance. An exited one is not started again because its record stays (pruning keeps the
    /// newest instance of every name).
    /// </summary>
    private static IReadOnlyList<string> EphemeralToStart(V1Pod pod, PodRuntimeState state) =>
        (pod.Spec.EphemeralContainers ?? []).Where(c => state.Latest(c.Name) is null).Select(c => c.Name).ToList();

    /// <summary>upstream ShouldContainerBeRestarted for a regular container that is not running.</summary>
    internal static bool ShouldRestart(V1Pod pod, string restartPolicy, ContainerRecord? latest)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return false;
        }

        if (latest is null || latest.State is CriContainerState.Created or CriContainerState.Unknown)
        {
            return true;
        }

        return restartPolicy switch
        {
            "Never" => false,
            "OnFailure" => latest.ExitCode != 0,
            _ => true,
        };
    }

    private static PodActions NewSandbox(V1Pod pod, PodRuntimeState state, string restartPolicy, uint attempt, string? oldSandbox)
    {
        var actions = new PodActions { KillPod = true, CreateSandbox = true, Attempt = attempt, SandboxId = oldSandbox };

        // A run-once pod whose sandbox went away after it ran is not started again: it is finished.
        if (restartPolicy == "Never" && attempt != 0 && state.Containers.Count != 0)
        {
            return actions with { CreateSandbox = false };
        }

        var toStart = pod.Spec.Containers
            .Where(c => !(restartPolicy == "OnFailure" && state.Latest(c.Name) is { State: CriContainerState.Exited, ExitCode: 0 }))
            .Select(c => c.Name)
            .ToList();
        if (toStart.Count == 0)
        {
            return actions with { CreateSandbox = false };
        }

        return pod.Spec.InitContainers is { Count: > 0 } init
            ? actions with { NextInitContainer = init[0].Name }
            : actions with { ContainersToStart = toStart, PodInitialized = true };
    }

    /// <summary>upstream podSandboxChanged: (create a new one?, its attempt, the current newest sandbox).</summary>
    private static (bool Create, uint Attempt, string? SandboxId) SandboxChanged(V1Pod pod, PodRuntimeState state)
    {
        if (state.Sandboxes.Count == 0)
        {
            return (true, 0, null);
        }

        var newest = state.Sandboxes[0];
        var ready = state.Sandboxes.Count(s => s.Ready);
        if (ready > 1 || !newest.Ready || (pod.Spec.HostNetwork != true && string.IsNullOrEmpty(newest.Ip)))
        {
            return (true, newest.Attempt + 1, newest.Id);
        }

        return (false, newest.Attempt, newest.Id);
    }

    /// <summary>upstream findNextInitContainerToRun: (the failed init container's record, the next to run, done?).</summary>
    private static (ContainerRecord? Last, V1Container? Next, bool Done) NextInitContainer(V1Pod pod, PodRuntimeState state)
    {
        var init = pod.Spec.InitContainers ?? [];
        if (init.Count == 0 || pod.Spec.Containers.Any(c => state.Latest(c.Name)?.State == CriContainerState.Running))
        {
            return (null, null, true);
        }

        for (var i = init.Count - 1; i >= 0; i--)
        {
            if (state.Latest(init[i].Name) is { } record && InitFailed(record))
            {
                return (record, init[i], false);
            }
        }

        for (var i = init.Count - 1; i >= 0; i--)
        {
            var record = state.Latest(init[i].Name);
            switch (record?.State)
            {
                case CriContainerState.Running:
                    return (null, null, false);
                case CriContainerState.Created:
                    return (null, init[i], false); // created but never started: start it again
                case CriContainerState.Exited:
                    return i == init.Count - 1 ? (null, null, true) : (null, init[i + 1], false);
            }
        }

        return (null, init[0], false);
    }

    private static bool InitFailed(ContainerRecord record) =>
        record.State == CriContainerState.Unknown || (record.State == CriContainerState.Exited && record.ExitCode != 0);
}
