using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tables;

/// <summary>Cell values every printer computes the same way.</summary>
internal static class ObjectCells
{
    public static string Name(JsonObject obj) => obj.String("metadata", "name");

    public static string Age(JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(obj.Time("metadata", "creationTimestamp"), now);

    public static bool IsDeleting(JsonObject obj) => obj.At("metadata", "deletionTimestamp") is not null;

    /// <summary>Container names and images of a pod spec, each joined by commas (layoutContainerCells).</summary>
    public static (string Names, string Images) Containers(JsonNode? podSpec)
    {
        var containers = podSpec.Objects("containers");
        return (string.Join(",", containers.Select(c => c.String("name"))), string.Join(",", containers.Select(c => c.String("image"))));
    }
}
