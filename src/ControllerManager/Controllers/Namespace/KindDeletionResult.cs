namespace Orchestrator.ControllerManager.Controllers.Namespace;

/// <summary>
/// What emptying one kind of a terminating namespace left behind: how many objects remain, which
/// finalizers hold them, how long graceful termination may still take, and the error if deleting failed.
/// </summary>
internal sealed record KindDeletionResult(
    string GroupResource,
    int Remaining,
    IReadOnlyDictionary<string, int> Finalizers,
    long EstimateSeconds,
    string? Error = null)
{
    public static KindDeletionResult Failed(string groupResource, string error) =>
        new(groupResource, 0, new Dictionary<string, int>(), 0, error);
}
