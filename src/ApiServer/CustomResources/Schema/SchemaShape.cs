namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>Whether a schema node sets anything at all (upstream compares against a zero Structural).</summary>
internal static class SchemaShape
{
    public static bool IsEmpty(StructuralSchema s, bool ignoreProperties) =>
        s.Type.Length == 0
        && (ignoreProperties || s.Properties.Count == 0)
        && s.Items is null && s.AdditionalProperties is null && s.AdditionalPropertiesAllowed is null
        && s.Required.Count == 0 && s.Enum is null
        && s.Maximum is null && !s.ExclusiveMaximum && s.Minimum is null && !s.ExclusiveMinimum && s.MultipleOf is null
        && s.MaxLength is null && s.MinLength is null && s.Pattern.Length == 0
        && s.MaxItems is null && s.MinItems is null && !s.UniqueItems
        && s.MaxProperties is null && s.MinProperties is null
        && s.Format.Length == 0 && !s.Nullable && !s.HasDefault && s.Description.Length == 0 && s.Title.Length == 0
        && s.XPreserveUnknownFieldsValue is null && !s.XEmbeddedResource && !s.XIntOrString
        && s.XListType is null && s.XListMapKeys.Count == 0 && s.XMapType is null && s.XValidations.Count == 0
        && s.AllOf.Count == 0 && s.AnyOf.Count == 0 && s.OneOf.Count == 0 && s.Not is null
        && s.UnsupportedKeys.Count == 0 && s.Example is null && s.ExternalDocs is null;
}
