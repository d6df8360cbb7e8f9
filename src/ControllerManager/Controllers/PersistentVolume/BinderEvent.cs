namespace Orchestrator.ControllerManager.Controllers.PersistentVolume;

/// <summary>An event the binder records, with upstream's type, reason and message.</summary>
internal sealed record BinderEvent(string Type, string Reason, string Message)
{
    public static BinderEvent Normal(string reason, string message) => new(EventTypes.Normal, reason, message);

    public static BinderEvent Warning(string reason, string message) => new(EventTypes.Warning, reason, message);
}
