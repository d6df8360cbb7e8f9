namespace Orchestrator.Kubelet.Status;

/// <summary>
/// The pod status a kubelet reports, computed from the spec, the previous status and what the
/// runtime observed (upstream's generateAPIPodStatus + getPhase), as a pure function.
/// Condition transition times move only when a condition's status changes.
/// </summary>
internal static class PodStatusBuilder
{
    public static V1PodStatus Build(V1Pod pod, ObservedPod observed, string? podIp, string? hostIp, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(observed);
        var previous = pod.Status ?? new V1PodStatus();
        podIp = observed.PodIp ?? podIp;
        var initByName = observed.InitContainers.ToDictionary(c => c.Name);
        var initStatuses = (pod.Spec.InitContainers ?? []).Select(c => ContainerStatus(c, initByName.GetValueOrDefault(c.Name), "PodInitializing")).ToList();
        var (initialized, incomplete) = Initialization(initStatuses);
        var byName = observed.Containers.ToDictionary(c => c.Name);
        var waitingReason = initialized ? "ContainerCreating" : "PodInitializing";
        var statuses = pod.Spec.Containers.Select(c => ContainerStatus(c, byName.GetValueOrDefault(c.Name), waitingReason)).ToList();
        var ephemeral = EphemeralStatuses(pod.Spec, observed, (pod.Spec.InitContainers?.Count ?? 0) > 0 ? "PodInitializing" : "ContainerCreating");
        var restartPolicy = pod.Spec.RestartPolicy ?? "Always";
        var phase = InitFailed(initStatuses) && restartPolicy == "Never" ? "Failed"
            : !initialized ? "Pending"
            : Phase(restartPolicy, statuses);
        var containersReady = phase == "Running" && statuses.All(s => s.Ready);
        var completed = phase is "Succeeded" or "Failed";
        var conditions = new List<V1PodCondition>
        {
            Condition(previous, "PodReadyToStartContainers", observed.SandboxReady && (!completed || podIp is not null), null, now),
            Condition(previous, "Initialized", initialized, initialized ? null : "ContainersNotInitialized", now),
            Condition(previous, "ContainersReady", containersReady, completed ? "PodCompleted" : containersReady ? null : "ContainersNotReady", now),
            Condition(previous, "Ready", containersReady, completed ? "PodCompleted" : containersReady ? null : "ContainersNotReady", now),
            Condition(previous, "PodScheduled", true, null, now),
        };
        if (!initialized)
        {
            conditions[1].Message = $"containers with incomplete status: [{string.Join(' ', incomplete)}]";
        }

        foreach (var condition in conditions.Where(c => c.Reason == "ContainersNotReady"))
        {
            var notReady = statuses.Where(s => !s.Ready).Select(s => s.Name);
            condition.Message = $"containers with unready status: [{string.Join(' ', notReady)}]";
        }

        return new V1PodStatus
        {
            Phase = phase,
            Conditions = conditions,
            ContainerStatuses = statuses,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : previous.InitContainerStatuses,
            EphemeralContainerStatuses = ephemeral,
            HostIP = hostIp,
            HostIPs = hostIp is null ? null : [new V1HostIP { Ip = hostIp }],
            PodIP = podIp,
            PodIPs = podIp is null ? null : [new V1PodIP { Ip = podIp }],
            StartTime = previous.StartTime ?? now,
            QosClass = QosClass(pod.Spec),
            NominatedNodeName = previous.NominatedNodeName,
        };
    }

    /// <summary>upstream getPhase for the regular containers.</summary>
    internal static string Phase(string restartPolicy, IReadOnlyList<V1ContainerStatus> statuses)
    {
        int running = 0, waiting = 0, succeeded = 0, failed = 0;
        foreach (var status in statuses)
        {
            if (status.State?.Running is not null)
            {
                running++;
            }
            else if (status.State?.Terminated is { } terminated)
            {
                if (terminated.ExitCode == 0)
                {
                    succeeded++;
                }
                else
                {
                    failed++;
                }
            }
            else if (status.LastState?.Terminated is not null && status.State?.Waiting is not null && restartPolicy != "Never")
            {
                running++; // waiting to restart after a crash: the pod is still running
            }
            else
            {
                waiting++;
            }
        }

        if (waiting > 0)
        {
            return "Pending";
        }

        if (running > 0)
        {
            return "Running";
        }

        return restartPolicy switch
        {
            "Always" => "Running",
            "OnFailure" when failed > 0 => "Running",
            _ when failed > 0 => "Failed",
            _ => "Succeeded",
        };
    }

    internal static string QosClass(V1PodSpec spec)
    {
        var containers = spec.Containers.Concat(spec.InitContainers ?? []).ToList();
        var anySet = containers.Any(c => c.Resources?.Requests?.Count > 0 || c.Resources?.Limits?.Count > 0);
        if (!anySet)
        {
            return "BestEffort";
        }

        var guaranteed = containers.All(c =>
            c.Resources?.Limits is { } limits && limits.ContainsKey("cpu") && limits.ContainsKey("memory")
            && (c.Resources.Requests is null || c.Resources.Requests.All(r => !limits.TryGetValue(r.Key, out var l) || l.ToString() == r.Value.ToString())));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    /// <summary>Init containers are done when each has terminated with exit code 0.</summary>
    private static (bool Done, IReadOnlyList<string> Incomplete) Initialization(IReadOnlyList<V1ContainerStatus> init)
    {
        var incomplete = init.Where(s => s.State?.Terminated is not { ExitCode: 0 }).Select(s => s.Name).ToList();
        return (incomplete.Count == 0, incomplete);
    }

    private static bool InitFailed(IReadOnlyList<V1ContainerStatus> init) => init.Any(s =>
        s.State?.Terminated is { ExitCode: not 0 } || (s.State?.Waiting is not null && s.LastState?.Terminated is { ExitCode: not 0 }));

    /// <summary>
    /// upstream's ephemeralContainerStatuses: one per ephemeral container, sorted by name, never
    /// ready and without <c>started</c> (no probe touches them); null when the pod has none.
    /// </summary>
    private static List<V1ContainerStatus>? EphemeralStatuses(V1PodSpec spec, ObservedPod observed, string waitingReason)
    {
        if (spec.EphemeralContainers is not { Count: > 0 } ephemeral)
        {
            return null;
        }

        var byName = observed.EphemeralContainers.ToDictionary(c => c.Name);
        return ephemeral
            .Select(c => ContainerStatus(new V1Container { Name = c.Name, Image = c.Image }, byName.GetValueOrDefault(c.Name), waitingReason))
            .Select(NeverProbed)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static V1ContainerStatus NeverProbed(V1ContainerStatus status)
    {
        status.Ready = false;
        status.Started = null;
        return status;
    }

    private static V1ContainerStatus ContainerStatus(V1Container container, ObservedContainer? observed, string waitingReason)
    {
        var status = new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = observed?.ImageId ?? string.Empty,
            ContainerID = observed?.ContainerId,
            RestartCount = observed?.RestartCount ?? 0,
            State = State(observed, waitingReason),
            LastState = observed?.LastTermination is { } last ? State(last, waitingReason) : new V1ContainerState(),
        };
        var running = observed?.State == ContainerRunState.Running;
        status.Started = running && (observed!.Started ?? true);
        status.Ready = running && (observed!.Ready ?? true);
        return status;
    }

    private static V1ContainerState State(ObservedContainer? observed, string waitingReason) => observed?.State switch
    {
        ContainerRunState.Running => new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = observed.StartedAt } },
        ContainerRunState.Exited => new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated
            {
                ExitCode = observed.ExitCode ?? 0,
                Reason = observed.Reason ?? (observed.ExitCode == 0 ? "Completed" : "Error"),
                Message = observed.Message,
                StartedAt = observed.StartedAt,
                FinishedAt = observed.FinishedAt,
                ContainerID = observed.ContainerId,
            },
        },
        _ => new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = observed?.Reason ?? waitingReason, Message = observed?.Message } },
    };

    private static V1PodCondition Condition(V1PodStatus previous, string type, bool value, string? reason, DateTime now)
    {
        var status = value ? "True" : "False";
        var old = previous.Conditions?.FirstOrDefault(c => c.Type == type);
        return new V1PodCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            LastTransitionTime = old is not null && old.Status == status ? old.LastTransitionTime ?? now : now,
        };
    }
}
