using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Validation;

/// <summary>
/// Upstream's per-kind validation, a high-value subset, run after defaulting on create and update.
/// Collects every problem and rejects the object once, with a 422 Invalid listing them.
/// </summary>
internal static class ObjectValidation
{
    /// <param name="metadataCauses">The problems with the object's metadata, reported first as upstream does.</param>
    /// <exception cref="ApiException">422 Invalid with one cause per problem.</exception>
    public static void Validate(ResourceDefinition resource, JsonObject body, IReadOnlyList<StatusCause>? metadataCauses = null)
    {
        var causes = new List<StatusCause>(metadataCauses ?? []);
        causes.AddRange(Check(resource, body));
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(resource, Objects.ObjectMeta.Name(body) ?? "", causes);
        }
    }

    /// <summary>The problems with <paramref name="body"/>, empty when it is valid.</summary>
    public static List<StatusCause> Check(ResourceDefinition resource, JsonObject body)
    {
        var causes = new List<StatusCause>();
        switch (resource.Group, resource.Plural)
        {
            case ("", "pods"):
                PodSpecValidation.Validate(body["spec"] as JsonObject, "spec", PodSpecValidation.AnyRestartPolicy, causes);
                break;
            case ("", "services"):
                ServiceValidation.Validate(body, causes);
                break;
            case ("", "configmaps"):
                ConfigKeyValidation.Validate(body, ["data", "binaryData"], causes);
                DataSizeValidation.ConfigMap(body, causes);
                break;
            case ("", "secrets"):
                ConfigKeyValidation.Validate(body, ["data", "stringData"], causes);
                DataSizeValidation.Secret(body, causes);
                break;
            case ("apps", "deployments" or "replicasets" or "statefulsets"):
                WorkloadValidation.Validate(body, hasReplicas: true, causes);
                break;
            case ("apps", "daemonsets"):
                WorkloadValidation.Validate(body, hasReplicas: false, causes);
                break;
            case ("batch", "jobs"):
                JobValidation.Validate(body["spec"] as JsonObject, "spec", causes);
                break;
            case ("batch", "cronjobs"):
                CronJobValidation.Validate(body, causes);
                break;
        }

        return causes;
    }
}
