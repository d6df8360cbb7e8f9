namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>Pod informer events: they settle expectations and enqueue the owning Job.</summary>
internal sealed partial class JobController
{
    private NamespacedName? JobOf(V1Pod pod) =>
        OwnerReferences.ControllerName(pod.Metadata, "Job") is { } name ? new NamespacedName(pod.Metadata.NamespaceProperty ?? "", name) : null;

    private void OnPodAdded(V1Pod pod)
    {
        if (JobOf(pod) is not { } key)
        {
            return;
        }

        _expectations.CreationObserved(key);
        Runner.Enqueue(key);
    }

    private void OnPodUpdated(V1Pod old, V1Pod pod)
    {
        if (JobOf(pod) is not { } key)
        {
            return;
        }

        if (!JobPods.HasTrackingFinalizer(pod))
        {
            _finalizerRemovals.Observed(key, pod.Metadata.Uid);
        }

        if (old.Metadata.DeletionTimestamp is null && pod.Metadata.DeletionTimestamp is not null)
        {
            _expectations.DeletionObserved(key);
        }

        Runner.Enqueue(key);
    }

    private void OnPodDeleted(V1Pod pod)
    {
        if (JobOf(pod) is not { } key)
        {
            return;
        }

        _finalizerRemovals.Observed(key, pod.Metadata.Uid);
        if (pod.Metadata.DeletionTimestamp is null)
        {
            _expectations.DeletionObserved(key);
        }

        Runner.Enqueue(key);
    }
}
