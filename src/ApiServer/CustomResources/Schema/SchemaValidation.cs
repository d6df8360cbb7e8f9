using Orchestrator.ApiServer.CustomResources.Schema.Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// Validates a custom resource against its version's structural schema, in the order of upstream's
/// customResourceStrategy.Validate after the ObjectMeta checks (which are the caller's): the OpenAPI
/// schema (kube-openapi's texts, fields like <c>spec.replicas</c>), embedded resources below the root,
/// list-type set/map uniqueness, then the <c>x-kubernetes-validations</c> rules, which are skipped with
/// upstream's notice when an earlier error is one that makes rule results meaningless. Call on the object
/// after pruning and defaulting. Pure and thread-safe.
/// </summary>
internal static class SchemaValidation
{
    private static readonly HashSet<string> BlockingReasons = new(StringComparer.Ordinal)
    {
        "FieldValueNotSupported", "FieldValueRequired", "FieldValueTooLong", "FieldValueTooMany", "FieldValueTypeInvalid",
    };

    /// <summary>Create: every check, rules without <c>oldSelf</c>.</summary>
    public static void Validate(JsonObject obj, StructuralSchema schema, List<StatusCause> causes) =>
        Run(obj, null, schema, causes, null);

    /// <summary>
    /// Update: as <see cref="Validate"/>, transition rules see the correlated old values as <c>oldSelf</c>,
    /// and upstream's ratcheting applies: schema errors of values unchanged from <paramref name="old"/> are
    /// dropped, and failing rules (other than transition rules) over unchanged values become
    /// <paramref name="warnings"/> ("field: message", for the response's Warning headers).
    /// </summary>
    public static void ValidateUpdate(JsonObject old, JsonObject updated, StructuralSchema schema, List<StatusCause> causes, List<string>? warnings = null) =>
        Run(updated, old, schema, causes, warnings);

    private static void Run(JsonObject obj, JsonObject? old, StructuralSchema schema, List<StatusCause> causes, List<string>? warnings)
    {
        var found = new List<StatusCause>();
        if (old is null)
        {
            OpenApiValidator.Validate(obj, schema, "", found);
        }
        else
        {
            OpenApiValidator.ValidateUpdate(obj, old, schema, "", found);
        }

        EmbeddedResourceValidation.Validate(obj, schema, found);
        ListTypeValidation.Validate(obj, schema, found);
        // Upstream builds no rule validator for a schema without rules, so such a schema gets no notice either.
        if (HasRules(schema))
        {
            if (found.Any(c => BlockingReasons.Contains(c.Reason)))
            {
                found.Add(new StatusCause(
                    "FieldValueInvalid",
                    "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation",
                    SchemaErrors.NilPath));
            }
            else
            {
                CelValidation.Validate(obj, old, schema, found, warnings);
            }
        }

        causes.AddRange(found);
    }

    private static bool HasRules(StructuralSchema schema)
    {
        var pending = new Stack<StructuralSchema>();
        pending.Push(schema);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.XValidations.Count > 0)
            {
                return true;
            }

            foreach (var child in node.Properties.Values.Append(node.Items).Append(node.AdditionalProperties))
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }

        return false;
    }
}
