namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Writes one watch stream's events: <c>{"type":T,"object":O}\n</c>, one chunk each. Objects go
/// out as the cache serialized them (converted when <c>resource</c> is served from another version's storage), or as one-row Tables for table watches (column definitions
/// only in the first, as kube-apiserver does).
/// </summary>
internal sealed class WatchOutput(Stream output, ResourceDefinition resource, TableRequest? table)
{
    private static readonly byte[] EventEnd = "}\n"u8.ToArray();
    private bool _sentColumns;

    // One child per stream, found once: counting an event is then one interlocked add.
    private readonly Prometheus.Counter.Child _events = Metrics.Prometheus.ApiServerMetrics.WatchEvents.WithLabels(resource.Group, resource.Version, resource.Kind);

    public Task WriteAsync(string type, CachedObject obj, CancellationToken cancellationToken)
    {
        if (table is null)
        {
            return WriteRawAsync(type, ObjectVersions.ServedJson(resource, obj), cancellationToken);
        }

        var rows = table.Build(resource, [obj.Object], Objects.ObjectMeta.ResourceVersion(obj.Object), null, columnDefinitions: !_sentColumns);
        _sentColumns = true;
        return WriteAsync(type, rows, cancellationToken);
    }

    public Task WriteAsync(string type, JsonObject obj, CancellationToken cancellationToken) =>
        WriteRawAsync(type, JsonSerializer.SerializeToUtf8Bytes(obj, Serialization.JsonLimits.Serializer), cancellationToken);

    /// <summary>
    /// Writes one change as this watcher sees it through its selectors: an object that starts
    /// matching is ADDED, one that stops matching is DELETED (upstream's filtered watch).
    /// </summary>
    public async Task<long> WriteChangeAsync(ObjectFilter filter, CachedEvent change, long delivered, CancellationToken cancellationToken)
    {
        if (change.Revision <= delivered)
        {
            return delivered;
        }

        var nowMatches = filter.Matches(change.Object);
        var type = change.Type;
        if (type == "MODIFIED" && !filter.IsEmpty)
        {
            var usedToMatch = change.Previous is null || filter.Matches(change.Previous);
            type = (usedToMatch, nowMatches) switch
            {
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                (true, true) => "MODIFIED",
                _ => "",
            };
            nowMatches = type.Length > 0;
        }

        if (nowMatches)
        {
            await WriteAsync(type, change.Object, cancellationToken);
        }

        return change.Revision;
    }

    /// <summary>A BOOKMARK event: the revision the watcher has seen everything up to; <paramref name="initialEventsEnd"/> marks the end of the initial events.</summary>
    public Task WriteBookmarkAsync(long revision, bool initialEventsEnd, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return WriteAsync("BOOKMARK", new JsonObject { ["kind"] = resource.Kind, ["apiVersion"] = resource.ApiVersion, ["metadata"] = metadata }, cancellationToken);
    }

    private async Task WriteRawAsync(string type, byte[] objectJson, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":"), cancellationToken);
        await output.WriteAsync(objectJson, cancellationToken);
        await output.WriteAsync(EventEnd, cancellationToken);
        await output.FlushAsync(cancellationToken);
        _events.Inc();
    }
}
