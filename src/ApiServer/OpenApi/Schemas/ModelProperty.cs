using System.Reflection;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>One serialized field of a KubernetesClient model.</summary>
/// <param name="Owner">The model type that declares the field (the key PatchMetadata and the XML docs use).</param>
/// <param name="JsonName">The wire name from <c>[JsonPropertyName]</c>.</param>
/// <param name="Property">The CLR property.</param>
internal sealed record ModelProperty(Type Owner, string JsonName, PropertyInfo Property)
{
    public Type Type => Property.PropertyType;
}
