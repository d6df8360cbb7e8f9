namespace Orchestrator.ApiServer.Tables;

/// <summary>Everything a Table response needs besides the objects and the resource. Immutable.</summary>
internal sealed record TableOptions
{
    /// <summary>"meta.k8s.io/v1" or "meta.k8s.io/v1beta1", as <see cref="TableNegotiation.TableApiVersion"/> chose.</summary>
    public string ApiVersion { get; init; } = TableNegotiation.V1;

    /// <summary>The list's resourceVersion, or the single object's; omitted when null or empty.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>The list's continue token; omitted when null or empty.</summary>
    public string? Continue { get; init; }

    /// <summary>The list's remainingItemCount; omitted when null.</summary>
    public long? RemainingItemCount { get; init; }

    public IncludeObject IncludeObject { get; init; } = IncludeObject.Metadata;

    /// <summary>
    /// False for every watch event after the first: kube-apiserver then sends
    /// <c>"columnDefinitions": null</c> and kubectl keeps the columns it already has.
    /// </summary>
    public bool IncludeColumnDefinitions { get; init; } = true;

    /// <summary>The instant ages are measured from (AGE, LAST SEEN, DURATION, restarts "ago").</summary>
    public required DateTimeOffset Now { get; init; }
}
