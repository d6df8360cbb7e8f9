using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Objects;

/// <summary>Per-kind state a new object starts with (upstream strategies' PrepareForCreate).</summary>
internal static class KindDefaults
{
    public static void OnCreate(ResourceDefinition resource, JsonObject body)
    {
        switch (resource.Group, resource.Plural)
        {
            case ("", "namespaces"):
                body["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                body["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case ("", "pods"):
                body["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
            default:
                if (resource.Subresources.Any(s => s.Name == "status"))
                {
                    body.Remove("status");
                }

                break;
        }
    }
}
