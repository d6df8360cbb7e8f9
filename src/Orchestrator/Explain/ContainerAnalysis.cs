namespace Orchestrator.Host.Explain;

/// <summary>
/// What keeps a scheduled pod's containers from running or being Ready: init containers still waiting or failing, image
/// pulls, container config errors, crash loops (last termination and log lines), failing probes (from the kubelet's
/// Unhealthy events).
/// </summary>
internal static class ContainerAnalysis
{
    private static readonly HashSet<string> PullReasons = new(StringComparer.Ordinal) { "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull" };

    public static IEnumerable<Finding> Analyse(PodFacts facts)
    {
        var pod = facts.Pod;
        if (string.IsNullOrEmpty(pod.Spec?.NodeName) || pod.Status?.Phase is "Succeeded")
        {
            return [];
        }

        var findings = new List<Finding>();
        var init = pod.Status?.InitContainerStatuses ?? [];
        var pendingInit = init.FirstOrDefault(s => pod.Spec.InitContainers?.Any(c => c.Name == s.Name && c.RestartPolicy != "Always") == true && s.State?.Terminated is not { ExitCode: 0 });
        if (pendingInit is not null && Container(pod, pendingInit, init: true, facts) is null)
        {
            findings.Add(new Finding(Severity.Info, $"Init container {pendingInit.Name} has not finished: the app containers start after it",
                [pendingInit.State?.Running is { } running ? $"running since {StartedAgo(running.StartedAt, facts.Now)}" : $"waiting: {pendingInit.State?.Waiting?.Reason ?? "not started"}"],
                $"kubectl logs {pod.Metadata.Name} -c {pendingInit.Name} -n {pod.Metadata.NamespaceProperty}"));
        }

        foreach (var status in init.Select(s => (s, Init: true)).Concat((pod.Status?.ContainerStatuses ?? []).Select(s => (s, Init: false))))
        {
            if (Container(pod, status.s, status.Init, facts) is { } finding)
            {
                findings.Add(finding);
            }
        }

        findings.AddRange(Probes(facts));
        return findings;
    }

    private static Finding? Container(V1Pod pod, V1ContainerStatus status, bool init, PodFacts facts)
    {
        var kind = init ? "Init container" : "Container";
        var waiting = status.State?.Waiting;
        if (waiting?.Reason is { } reason && PullReasons.Contains(reason))
        {
            var details = new List<string> { $"image: {status.Image}", $"{reason}: {waiting.Message}" };
            if (facts.EventsOf("Failed").FirstOrDefault(e => e.Message?.Contains(status.Image ?? "\0", StringComparison.Ordinal) == true) is { } failed && failed.Message != waiting.Message)
            {
                details.Add($"kubelet ({SchedulingAnalysis.Ago(PodFacts.LastSeen(failed), facts.Now)}): {failed.Message}");
            }

            return new Finding(Severity.Error, $"{kind} {status.Name} cannot get its image", details, reason switch
            {
                "InvalidImageName" => "fix the image reference in the pod spec",
                "ErrImageNeverPull" => "imagePullPolicy is Never and the node lacks the image: load it on the node or change the policy",
                _ => "check the image name and tag exist in the registry (a typo reads as 'not found'), that the node can reach the registry, "
                    + "and for a private registry that the pod's imagePullSecrets (or its service account's) hold the credentials",
            });
        }

        if (waiting?.Reason is "CreateContainerConfigError" or "CreateContainerError" or "RunContainerError")
        {
            return new Finding(Severity.Error, $"{kind} {status.Name} cannot be created", [$"{waiting.Reason}: {waiting.Message}"],
                "fix what the message names (a missing ConfigMap/Secret or key in env, a bad command, a volume)");
        }

        var last = status.LastState?.Terminated ?? (status.State?.Terminated is { ExitCode: not 0 } t ? t : null);
        if (last is not null && (waiting?.Reason == "CrashLoopBackOff" || status.RestartCount > 0 || init))
        {
            var details = new List<string>
            {
                string.Create(CultureInfo.InvariantCulture, $"restarted {status.RestartCount} times; last exit code {last.ExitCode}{(string.IsNullOrEmpty(last.Reason) ? "" : $" ({last.Reason})")}{(last.FinishedAt is { } f ? $", {StartedAgo(f, facts.Now)}" : "")}"),
            };
            if (!string.IsNullOrEmpty(last.Message))
            {
                details.Add("message: " + last.Message.Trim());
            }

            if (waiting?.Reason == "CrashLoopBackOff")
            {
                details.Add($"waiting: {waiting.Message}");
            }

            if (facts.Logs.TryGetValue(status.Name, out var log) && log.Length > 0)
            {
                details.Add("last log lines:");
                details.AddRange(log.TrimEnd().Split('\n').Select(l => "  | " + l.TrimEnd('\r')));
            }

            return new Finding(Severity.Error, $"{kind} {status.Name} keeps crashing", details, CrashAdvice(pod, status.Name, last));
        }

        return null;
    }

    private static string CrashAdvice(V1Pod pod, string container, V1ContainerStateTerminated last) => last.Reason switch
    {
        "OOMKilled" => "the container ran out of memory: raise resources.limits.memory or make it use less",
        _ when last.ExitCode == 137 => "killed (SIGKILL: out of memory, or a failed liveness probe): check the limits and the liveness probe",
        _ when last.ExitCode == 127 || last.ExitCode == 126 => "the command cannot be run (not found or not executable in the image): check command/args",
        _ => $"read its output: kubectl logs {pod.Metadata.Name} -c {container} -n {pod.Metadata.NamespaceProperty} --previous",
    };

    /// <summary>Failing probes from the kubelet's Unhealthy events: "Readiness probe failed: …", "Liveness probe failed: …".</summary>
    private static IEnumerable<Finding> Probes(PodFacts facts)
    {
        foreach (var group in facts.EventsOf("Unhealthy").GroupBy(e => ProbeKind(e.Message)).Where(g => g.Key is not null))
        {
            var latest = group.First();
            var count = group.Sum(e => e.Count ?? 1);
            var details = new List<string> { $"{count} failure(s), last {SchedulingAnalysis.Ago(PodFacts.LastSeen(latest), facts.Now)}: {latest.Message}" };
            var severity = group.Key == "Readiness" && PodIsReady(facts.Pod) ? Severity.Info : Severity.Warning;
            yield return new Finding(severity, $"{group.Key} probe failing", details, group.Key switch
            {
                "Liveness" => "the kubelet restarts the container on each failure: check the probe's path/port/command and initialDelaySeconds, and that the app answers in timeoutSeconds",
                "Startup" => "the app does not start within failureThreshold × periodSeconds: raise them or fix the probe",
                _ => "the pod stays out of its Services' endpoints until the probe passes: check the probe's path/port/command and what the app answers",
            });
        }
    }

    private static string? ProbeKind(string? message) =>
        message is null ? null
        : message.StartsWith("Readiness probe", StringComparison.Ordinal) ? "Readiness"
        : message.StartsWith("Liveness probe", StringComparison.Ordinal) ? "Liveness"
        : message.StartsWith("Startup probe", StringComparison.Ordinal) ? "Startup"
        : null;

    private static bool PodIsReady(V1Pod pod) => ApiMachinery.Pods.PodState.IsReady(pod);

    private static string StartedAgo(DateTime? time, DateTimeOffset now) => time is { } t ? SchedulingAnalysis.Ago(t, now) : "at an unknown time";
}
