namespace Orchestrator.Scheduler.Tests;

/// <summary>A manually advanced clock (timers are not needed by the tests that use it).</summary>
internal sealed class FakeTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
