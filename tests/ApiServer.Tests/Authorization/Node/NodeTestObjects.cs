using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Authorization.Node;

/// <summary>Pods and volumes for the node authorizer's tests.</summary>
internal static class NodeTestObjects
{
    /// <summary>A pod in <paramref name="ns"/> bound to <paramref name="node"/> (unbound when null) with the given spec fields.</summary>
    public static JsonObject Pod(string ns, string name, string? node, string specFields = "", string uid = "uid-1", bool mirror = false)
    {
        var metadata = $$"""{"namespace":"{{ns}}","name":"{{name}}","uid":"{{uid}}"}""";
        var pod = JsonNode.Parse("{\"metadata\":" + metadata + ",\"spec\":{" + specFields + "}}")!.AsObject();
        if (node is not null)
        {
            pod["spec"]!["nodeName"] = node;
        }

        if (mirror)
        {
            pod["metadata"]!["annotations"] = new JsonObject { ["kubernetes.io/config.mirror"] = "hash" };
        }

        return pod;
    }

    /// <summary>A PersistentVolume bound to <paramref name="claimNamespace"/>/<paramref name="claim"/> with extra spec fields.</summary>
    public static JsonObject Volume(string name, string? claimNamespace, string? claim, string specFields = "")
    {
        var claimRef = claim is null ? "" : $$""" "claimRef":{"namespace":"{{claimNamespace}}","name":"{{claim}}"}""";
        var fields = string.Join(",", new[] { claimRef, specFields }.Where(f => f.Length > 0));
        return JsonNode.Parse($$"""{"metadata":{"name":"{{name}}"},"spec":""" + "{" + fields + "}}")!.AsObject();
    }
}
