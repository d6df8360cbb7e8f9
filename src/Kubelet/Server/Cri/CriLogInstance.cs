namespace Orchestrator.Kubelet.Server.Cri;

/// <summary>Which container instance a log request reads (upstream's messages when there is none).</summary>
internal static class CriLogInstance
{
    /// <param name="newestFirst">The container's instances in the pod, newest first.</param>
    public static Container Choose(IReadOnlyList<Container> newestFirst, string pod, string container, bool previous)
    {
        if (previous)
        {
            return newestFirst.Count > 1
                ? newestFirst[1]
                : throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"previous terminated container \"{container}\" in pod \"{pod}\" not found");
        }

        if (newestFirst.Count == 0 || newestFirst[0].State == ContainerState.ContainerCreated)
        {
            throw new StreamingRuntimeException(HttpStatusCode.BadRequest, $"container \"{container}\" in pod \"{pod}\" is waiting to start: ContainerCreating");
        }

        return newestFirst[0];
    }
}
