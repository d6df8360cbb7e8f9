namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// kube-openapi's schemaPropsValidator: anyOf, oneOf, allOf and not over one value. Its failures are
/// composite errors, which upstream reports on a nil field ("&lt;nil&gt;: Invalid value: \"\": \"spec.x\" must
/// validate …"), followed by the errors of the alternative that came closest. Sub-schemas are validated
/// without ratcheting, as kube-openapi builds their validators directly.
/// </summary>
internal static class JunctorValidation
{
    public static void Check(JsonNode? data, StructuralSchema schema, string path, List<StatusCause> causes)
    {
        var quoted = GoText.Quote(path);
        if (schema.AnyOf.Count > 0)
        {
            List<StatusCause>? best = null;
            var succeeded = false;
            foreach (var alternative in schema.AnyOf)
            {
                var result = new List<StatusCause>();
                OpenApiValidator.Validate(data, alternative, path, result);
                if (result.Count == 0)
                {
                    succeeded = true;
                    break;
                }

                // kube-openapi keeps the failures of the alternative that matched best; fewest errors stands in for its match count.
                if (best is null || result.Count < best.Count)
                {
                    best = result;
                }
            }

            if (!succeeded)
            {
                causes.Add(SchemaErrors.Composite($"{quoted} must validate at least one schema (anyOf)"));
                causes.AddRange(best!);
            }
        }

        if (schema.OneOf.Count > 0)
        {
            List<StatusCause>? best = null;
            var validated = 0;
            foreach (var alternative in schema.OneOf)
            {
                var result = new List<StatusCause>();
                OpenApiValidator.Validate(data, alternative, path, result);
                if (result.Count == 0)
                {
                    validated++;
                    best = null;
                }
                else if (validated == 0 && (best is null || result.Count < best.Count))
                {
                    best = result;
                }
            }

            if (validated != 1)
            {
                var detail = validated == 0 ? "Found none valid" : $"Found {validated.ToString(CultureInfo.InvariantCulture)} valid alternatives";
                causes.Add(SchemaErrors.Composite($"{quoted} must validate one and only one schema (oneOf). {detail}"));
                causes.AddRange(best ?? []);
            }
        }

        if (schema.AllOf.Count > 0)
        {
            var validated = 0;
            foreach (var part in schema.AllOf)
            {
                var result = new List<StatusCause>();
                OpenApiValidator.Validate(data, part, path, result);
                validated += result.Count == 0 ? 1 : 0;
                causes.AddRange(result);
            }

            if (validated != schema.AllOf.Count)
            {
                causes.Add(SchemaErrors.Composite($"{quoted} must validate all the schemas (allOf){(validated == 0 ? ". None validated" : "")}"));
            }
        }

        if (schema.Not is { } not)
        {
            var result = new List<StatusCause>();
            OpenApiValidator.Validate(data, not, path, result);
            if (result.Count == 0)
            {
                causes.Add(SchemaErrors.Composite($"{quoted} must not validate the schema (not)"));
            }
        }
    }
}
