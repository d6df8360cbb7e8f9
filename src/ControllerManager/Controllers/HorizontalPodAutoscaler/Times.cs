namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>API times (the client's DateTime of unspecified or local kind) as UTC instants.</summary>
internal static class Times
{
    public static DateTimeOffset Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time.ToUniversalTime()) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>The instant as the API writes it: whole seconds, UTC.</summary>
    public static DateTime ApiTime(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
