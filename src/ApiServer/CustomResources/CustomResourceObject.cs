using System.Text.Json.Serialization;
using k8s.Models;

namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// The model type of every custom resource: only the type meta and metadata are fixed; everything else
/// is free-form JSON shaped by the CRD's structural schema, so field management and patching see maps
/// as granular and lists as atomic (upstream's deduced type), and body checks use the schema instead.
/// </summary>
internal sealed class CustomResourceObject
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta? Metadata { get; set; }
}
