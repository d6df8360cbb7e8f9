namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's apps/v1 SetDefaults_ReplicaSet.</summary>
internal static class ReplicaSetDefaults
{
    public static void Apply(JsonObject replicaSet)
    {
        var spec = JsonFields.Child(replicaSet, "spec");
        JsonFields.Default(spec, "replicas", 1);
        PodSpecDefaults.ApplyTemplate(spec);
    }
}
