namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// The rules a CustomResourceDefinition version's <c>openAPIV3Schema</c> must meet to be served
/// (apiextensions validateCustomResourceDefinitionValidation for v1): a structural schema
/// (<see cref="StructuralInvariants"/>), defaults that validate and are pruned, then
/// ValidateCustomResourceDefinitionOpenAPISchema's per-node rules (<see cref="OpenApiSchemaRules"/>:
/// no uniqueItems, properties xor additionalProperties, list/map types, rules that compile, …).
/// Upstream's messages and paths; <paramref name="fieldPath"/> names the schema itself, e.g.
/// <c>spec.versions[0].schema.openAPIV3Schema</c>.
/// </summary>
internal static class CrdSchemaValidation
{
    public static void Validate(JsonObject? openApiV3Schema, string fieldPath, List<StatusCause> causes)
    {
        if (openApiV3Schema is null)
        {
            causes.Add(FieldErrors.Required(fieldPath, "schemas are required"));
            return;
        }

        StructuralSchema schema;
        try
        {
            schema = StructuralSchema.Parse(openApiV3Schema);
        }
        catch (SchemaTooDeepException e)
        {
            causes.Add(FieldErrors.InvalidText(fieldPath, "", e.Message));
            return;
        }
        catch (FormatException e)
        {
            causes.Add(FieldErrors.InvalidText(fieldPath, "", e.Message));
            return;
        }

        if (schema.Nullable)
        {
            causes.Add(FieldErrors.Forbidden(fieldPath + ".nullable", "nullable cannot be true at the root"));
        }

        var structural = StructuralInvariants.Validate(schema, fieldPath);
        causes.AddRange(structural.Count > 0 ? structural : DefaultValidation.Validate(schema, fieldPath));
        OpenApiSchemaRules.Validate(schema, fieldPath, compileRules: structural.Count == 0, causes);
    }
}
