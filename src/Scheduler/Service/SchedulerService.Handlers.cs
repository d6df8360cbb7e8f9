namespace Orchestrator.Scheduler.Service;

internal sealed partial class SchedulerService
{
    private void OnNodeAdd(V1Node node)
    {
        _cache.AddNode(node);
        _queue.MoveAllToActiveOrBackoffQueue();
    }

    private void OnNodeUpdate(V1Node oldNode, V1Node newNode)
    {
        _cache.UpdateNode(newNode);
        if (PodChanges.NodeSchedulingPropertiesChanged(oldNode, newNode))
        {
            _queue.MoveAllToActiveOrBackoffQueue();
        }
    }

    private void OnNodeDelete(V1Node node) => _cache.RemoveNode(node);

    private void OnPodAdd(V1Pod pod)
    {
        if (PodChanges.IsAssigned(pod))
        {
            if (!PodChanges.IsTerminal(pod))
            {
                _cache.AddPod(pod);
            }
        }
        else if (PodChanges.IsResponsible(pod, _options.SchedulerName) && pod.Metadata.DeletionTimestamp is null)
        {
            if (PodChanges.IsGated(pod))
            {
                _queue.Gate(pod);
            }
            else
            {
                _queue.Add(pod);
            }
        }
    }

    private void OnPodUpdate(V1Pod oldPod, V1Pod newPod)
    {
        if (PodChanges.IsAssigned(newPod))
        {
            if (!PodChanges.IsAssigned(oldPod))
            {
                _queue.Delete(newPod);
            }

            if (PodChanges.IsTerminal(newPod))
            {
                // Finished pods no longer hold resources on their node.
                _cache.RemovePod(newPod);
                _queue.MoveAllToActiveOrBackoffQueue();
            }
            else
            {
                _cache.UpdatePod(newPod);
            }

            return;
        }

        if (!PodChanges.IsResponsible(newPod, _options.SchedulerName))
        {
            _queue.Delete(newPod);
        }
        else if (newPod.Metadata.DeletionTimestamp is not null)
        {
            _queue.Delete(newPod);
        }
        else if (PodChanges.IsGated(newPod))
        {
            _queue.Gate(newPod);
        }
        else if (PodChanges.SpecOrLabelsChanged(oldPod, newPod))
        {
            _queue.Update(newPod);
        }
    }

    private void OnPodDelete(V1Pod pod)
    {
        if (PodChanges.IsAssigned(pod))
        {
            _cache.RemovePod(pod);
            _queue.MoveAllToActiveOrBackoffQueue();
        }
        else
        {
            _queue.Delete(pod);
            _cache.ForgetPod(pod);
        }
    }
}
