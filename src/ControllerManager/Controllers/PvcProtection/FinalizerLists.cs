namespace Orchestrator.ControllerManager.Controllers.PvcProtection;

/// <summary>A finalizer list after a protection controller's <see cref="FinalizerChange"/>.</summary>
internal static class FinalizerLists
{
    public static List<string> Apply(IList<string>? finalizers, FinalizerChange change, string finalizer) => change switch
    {
        FinalizerChange.Add => [.. finalizers ?? [], finalizer],
        FinalizerChange.Remove => [.. (finalizers ?? []).Where(f => f != finalizer)],
        _ => [.. finalizers ?? []],
    };
}
