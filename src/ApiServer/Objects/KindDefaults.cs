using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Objects;

/// <summary>Per-kind state a new object starts with (upstream strategies' PrepareForCreate).</summary>
internal static class KindDefaults
{
    public static void OnCreate(ResourceDefinition resource, JsonObject body)
    {
        Defaulting.ObjectDefaults.Apply(resource, body, create: true);
        switch (resource.Group, resource.Plural)
        {
            case ("", "namespaces"):
                NamespaceNameLabel(body);
                body["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                body["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case ("", "services"):
                Registry.Core.Services.ServiceDefaults.Apply(body);
                break;
            case ("", "pods"):
            case ("", "persistentvolumeclaims"):
            case ("", "persistentvolumes"):
                body["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
            case ("", "nodes"):
                break; // upstream lets a kubelet register its node with status (capacity, conditions, nodeInfo)
            default:
                if (resource.Subresources.Any(s => s.Name == "status"))
                {
                    body.Remove("status");
                }

                break;
        }
    }

    /// <summary>Fields that may not change once set, carried over when an update omits them.</summary>
    public static void OnUpdate(ResourceDefinition resource, JsonObject current, JsonObject updated)
    {
        // Upstream defaults on every decode, so a PUT that leaves defaulted fields out keeps them.
        Defaulting.ObjectDefaults.Apply(resource, updated, create: false);
        if (resource is { Group: "", Plural: "namespaces" })
        {
            NamespaceNameLabel(updated);
        }

        if (resource is not { Group: "", Plural: "services" } || updated["spec"] is not JsonObject spec)
        {
            return;
        }

        var old = current["spec"]?["clusterIP"]?.GetValue<string>();
        var now = spec["clusterIP"]?.GetValue<string>();
        if (string.IsNullOrEmpty(now))
        {
            spec["clusterIP"] = old;
            spec["clusterIPs"] = current["spec"]?["clusterIPs"]?.DeepClone();
        }
        else if (now != old)
        {
            throw Errors.ApiErrors.Invalid(resource, Objects.ObjectMeta.Name(current) ?? "", [new Errors.StatusCause("FieldValueInvalid", $"Invalid value: \"{now}\": field is immutable", "spec.clusterIPs[0]")]);
        }
    }

    /// <summary>Every namespace carries <c>kubernetes.io/metadata.name</c> = its name (upstream's NamespaceDefaultLabelName).</summary>
    private static void NamespaceNameLabel(JsonObject body)
    {
        var metadata = Storage.StoredObject.Metadata(body);
        var labels = metadata["labels"] as JsonObject ?? [];
        labels["kubernetes.io/metadata.name"] = Objects.ObjectMeta.Name(body);
        metadata["labels"] = labels;
    }
}
