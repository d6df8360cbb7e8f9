namespace Orchestrator.ControllerManager.Tests.Controllers;

/// <summary>A clock that only moves when told to.</summary>
internal sealed class ManualTime(DateTimeOffset? start = null) : TimeProvider
{
    private DateTimeOffset _now = start ?? TestObjects.Now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
