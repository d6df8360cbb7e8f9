namespace Orchestrator.Kubelet.Runtime.Cri;

/// <summary>
/// What one sync could not do: per container, why it is waiting (CrashLoopBackOff, ErrImagePull,
/// CreateContainerConfigError, …) and when the pod should be synced again.
/// </summary>
internal sealed class SyncResult
{
    private readonly Dictionary<string, (string Reason, string Message)> _waiting = [];

    public TimeSpan? RetryIn { get; private set; }

    public IReadOnlyDictionary<string, (string Reason, string Message)> Waiting => _waiting;

    public void Fail(string container, string reason, string message) => _waiting[container] = (reason, message);

    public void FailAll(V1Pod pod, string reason, string message)
    {
        foreach (var container in pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []))
        {
            _waiting[container.Name] = (reason, message);
        }
    }

    public void Retry(TimeSpan after)
    {
        if (RetryIn is null || after < RetryIn)
        {
            RetryIn = after;
        }
    }
}
