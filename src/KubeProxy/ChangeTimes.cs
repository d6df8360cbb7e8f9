namespace Orchestrator.KubeProxy;

/// <summary>
/// When the endpoint changes waiting for the next sync happened (upstream's network programming latency input): the
/// EndpointSlice's <c>endpoints.kubernetes.io/last-change-trigger-time</c> annotation, else when the proxy saw it.
/// </summary>
internal sealed class ChangeTimes(TimeProvider time)
{
    public const string TriggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time";
    private readonly Lock gate = new();
    private List<DateTimeOffset> pending = [];

    public void Observe(V1EndpointSlice slice)
    {
        string? annotated = null;
        slice.Metadata?.Annotations?.TryGetValue(TriggerTimeAnnotation, out annotated);
        var at = DateTimeOffset.TryParse(annotated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : time.GetUtcNow();
        lock (gate)
        {
            pending.Add(at);
        }
    }

    /// <summary>Puts back the changes of a sync that failed: the next one covers them.</summary>
    public void Restore(IReadOnlyList<DateTimeOffset> changes)
    {
        lock (gate)
        {
            pending.AddRange(changes);
        }
    }

    /// <summary>The changes a sync that started now covers, forgotten here.</summary>
    public IReadOnlyList<DateTimeOffset> Take()
    {
        lock (gate)
        {
            var taken = pending;
            pending = [];
            return taken;
        }
    }
}
