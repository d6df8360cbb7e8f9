using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Registry;

/// <summary>The strategy of a kind with no rules of its own; derive from it to add some.</summary>
internal class ResourceStrategy : IResourceStrategy
{
    public static readonly IResourceStrategy Default = new ResourceStrategy();

    public virtual void PrepareForCreate(JsonObject obj)
    {
    }

    public virtual void PrepareForUpdate(JsonObject current, JsonObject updated)
    {
    }
}
