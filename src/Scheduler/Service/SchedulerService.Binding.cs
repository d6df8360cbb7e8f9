using System.Net;
using System.Text.Json;
using k8s.Autorest;
using Orchestrator.Scheduler.Metrics;
using Orchestrator.Scheduler.Queue;

namespace Orchestrator.Scheduler.Service;

internal sealed partial class SchedulerService
{
    /// <summary>
    /// The binding cycle: PreBind plugins (volumes), then POST pods/binding; success confirms the assumption,
    /// failure unreserves, forgets it and retries with backoff. The attempt that began at <paramref name="started"/> is counted once it ends.
    /// </summary>
    private async Task BindAsync(QueuedPodInfo item, string node, CycleState state, long started, CancellationToken ct)
    {
        var pod = item.Pod;
        var ns = pod.Metadata.NamespaceProperty ?? "default";
        var bound = false;
        using var span = Tracing.SchedulerTracing.StartBinding(pod, node);
        try
        {
            var preBind = await _algorithm.Framework.RunPreBindAsync(state, pod, node, ct);
            if (!preBind.IsSuccess)
            {
                _cache.ForgetPod(pod);
                var message = $"running PreBind plugin \"{preBind.Plugin}\": {preBind.Message}";
                LogPreBindFailed(item.Key, node, message);
                _metrics.Attempted(SchedulingResult.Of(preBind), _context.Time.GetElapsedTime(started));
                _context.Events.Record(pod, "Warning", "FailedScheduling", message);
                _queue.AddBackoff(item);
                return;
            }

            var binding = new V1Binding
            {
                Metadata = new V1ObjectMeta { Name = pod.Metadata.Name, NamespaceProperty = ns, Uid = pod.Metadata.Uid },
                Target = new V1ObjectReference { Kind = "Node", Name = node },
            };
            await _context.Client.CoreV1.CreateNamespacedPodBindingAsync(binding, name: pod.Metadata.Name, namespaceParameter: ns, cancellationToken: ct);
            _cache.FinishBinding(pod);
            bound = true;
            _metrics.Scheduled(_context.Time.GetElapsedTime(started), item.Attempts);
            _context.Events.Record(pod, "Normal", "Scheduled", $"Successfully assigned {ns}/{pod.Metadata.Name} to {node}");
            LogBound(item.Key, node, item.Attempts);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _cache.ForgetPod(pod);
        }
        catch (Exception e)
        {
            _cache.ForgetPod(pod);
            LogBindFailed(e, item.Key, node);
            _metrics.Attempted(SchedulingResult.Error, _context.Time.GetElapsedTime(started));
            if (e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } && !StillPending(pod))
            {
                return; // the pod is gone (a 404 for a pod the informer still holds pending is retried, as upstream's handleSchedulingFailure does)
            }

            _context.Events.Record(pod, "Warning", "FailedScheduling", $"Binding rejected: {e.Message}");
            _queue.AddBackoff(item);
        }
        finally
        {
            Tracing.SchedulerTracing.Bound(span, bound);
            if (!bound)
            {
                _algorithm.Framework.RunUnreserve(state, pod, node);
            }

            _bindings.Release();
        }
    }

    /// <summary>Sets PodScheduled=False/Unschedulable with the message, as upstream does, unless it is already set.</summary>
    private async Task SetUnschedulableConditionAsync(V1Pod pod, string message, CancellationToken ct)
    {
        var existing = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (existing is { Status: "False", Reason: "Unschedulable" } && existing.Message == message)
        {
            return;
        }

        var condition = new Dictionary<string, object?>
        {
            ["type"] = "PodScheduled",
            ["status"] = "False",
            ["reason"] = "Unschedulable",
            ["message"] = message,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = _context.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        var body = JsonSerializer.Serialize(new { status = new { conditions = new[] { condition } } });
        try
        {
            await _context.Client.CoreV1.PatchNamespacedPodStatusAsync(
                new V1Patch(body, V1Patch.PatchType.StrategicMergePatch), pod.Metadata.Name, pod.Metadata.NamespaceProperty ?? "default", cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted meanwhile.
        }
        catch (HttpOperationException e)
        {
            LogConditionFailed(e, QueuedPodInfo.QueueKey(pod));
        }
    }
}
