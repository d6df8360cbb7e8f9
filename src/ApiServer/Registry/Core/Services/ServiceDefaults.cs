namespace Orchestrator.ApiServer.Registry.Core.Services;

/// <summary>The defaults upstream fills into a new Service (SetDefaults_Service and the REST strategy); <see cref="ServiceStrategy"/> applies them on create.</summary>
internal static class ServiceDefaults
{
    public static void Apply(JsonObject service)
    {
        var spec = service["spec"] as JsonObject ?? [];
        service["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        var type = spec["type"]!.GetValue<string>();
        spec["sessionAffinity"] ??= "None";
        if (type != "ExternalName")
        {
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }
    }
}
