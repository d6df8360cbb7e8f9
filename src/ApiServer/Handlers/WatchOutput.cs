using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Caching;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Handlers;

/// <summary>
/// Writes one watch stream's events: <c>{"type":T,"object":O}\n</c>, one chunk each. Objects go
/// out as the cache serialized them, or as one-row Tables for table watches (column definitions
/// only in the first, as kube-apiserver does).
/// </summary>
internal sealed class WatchOutput(Stream output, ResourceDefinition resource, TableRequest? table)
{
    private static readonly byte[] EventEnd = "}\n"u8.ToArray();
    private bool _sentColumns;

    public Task WriteAsync(string type, CachedObject obj, CancellationToken cancellationToken)
    {
        if (table is null)
        {
            return WriteRawAsync(type, obj.Json, cancellationToken);
        }

        var rows = table.Build(resource, [obj.Object], Objects.ObjectMeta.ResourceVersion(obj.Object), null, columnDefinitions: !_sentColumns);
        _sentColumns = true;
        return WriteAsync(type, rows, cancellationToken);
    }

    public Task WriteAsync(string type, JsonObject obj, CancellationToken cancellationToken) =>
        WriteRawAsync(type, JsonSerializer.SerializeToUtf8Bytes(obj, Serialization.JsonLimits.Serializer), cancellationToken);

    private async Task WriteRawAsync(string type, byte[] objectJson, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":"), cancellationToken);
        await output.WriteAsync(objectJson, cancellationToken);
        await output.WriteAsync(EventEnd, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
