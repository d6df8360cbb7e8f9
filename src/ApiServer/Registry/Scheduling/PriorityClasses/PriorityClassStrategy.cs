namespace Orchestrator.ApiServer.Registry.Scheduling.PriorityClasses;

/// <summary>PriorityClasses: preemption policy default.</summary>
internal sealed class PriorityClassStrategy() : ResourceStrategy(new PriorityClassPrinter())
{
    public override void Default(JsonObject obj, bool create) => CoreDefaults.PriorityClass(obj);
}
