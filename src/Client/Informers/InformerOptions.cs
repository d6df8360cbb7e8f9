namespace Orchestrator.Client;

/// <summary>How an informer narrows and paces its list and watch.</summary>
public sealed record InformerOptions
{
    /// <summary>A field selector for list and watch (e.g. <c>spec.nodeName=node-1</c>); null for all objects.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>A label selector for list and watch; null for all objects.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>How often every cached object is re-delivered as an update; zero (default) for never.</summary>
    public TimeSpan ResyncPeriod { get; init; }

    /// <summary>Objects per list page (client-go's reflector uses 500).</summary>
    public int PageSize { get; init; } = 500;
}
