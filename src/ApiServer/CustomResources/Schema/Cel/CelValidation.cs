using Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>
/// Runs the <c>x-kubernetes-validations</c> rules of a schema over an object as upstream's cel.Validator
/// does: each rule at its schema node with <c>self</c> the value there (null values skipped), transition
/// rules (those naming <c>oldSelf</c>) only where an old value correlates (same property, same map key,
/// same key in a list-type map), failures reported as field.Invalid(path, schema type, message) or the
/// rule's reason, and upstream's cost limits (<see cref="CelCost"/>).
/// </summary>
internal static class CelValidation
{
    /// <summary>Upstream's celconfig.MaxEvaluatedMessageExpressionSizeBytes.</summary>
    private const int MaxMessageExpressionBytes = 5 * 1024;

    /// <param name="warnings">Where failures of non-transition rules over values equal to their correlated old value go (upstream's ratcheting); dropped when null.</param>
    public static void Validate(JsonNode? obj, JsonNode? old, StructuralSchema schema, List<StatusCause> causes, List<string>? warnings = null) =>
        Walk(obj, old, schema, "", new Run(new CelCost(), causes, warnings));

    /// <summary>The state of one validation: the budget and where causes and warnings go.</summary>
    private sealed record Run(CelCost Cost, List<StatusCause> Causes, List<string>? Warnings);

    /// <returns>False once the budget is spent: no further rule runs.</returns>
    private static bool Walk(JsonNode? node, JsonNode? old, StructuralSchema schema, string path, Run run)
    {
        if (node is null)
        {
            return true;
        }

        if (schema.XValidations.Count > 0 && !Rules(node, old, schema, path, run))
        {
            return false;
        }

        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (schema.Properties.TryGetValue(key, out var property))
                    {
                        if (!Walk(value, (old as JsonObject)?[key], property, path.Length == 0 ? key : path + "." + key, run))
                        {
                            return false;
                        }
                    }
                    else if (schema.AdditionalProperties is { } additional && !Walk(value, (old as JsonObject)?[key], additional, path + "[" + key + "]", run))
                    {
                        return false;
                    }
                }

                break;
            case JsonArray list when schema.Items is { } items:
                for (var i = 0; i < list.Count; i++)
                {
                    var oldItem = schema.XListType == "map" && old is JsonArray oldList ? Correlate(list[i], oldList, schema.XListMapKeys) : null;
                    if (!Walk(list[i], oldItem, items, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", run))
                    {
                        return false;
                    }
                }

                break;
            default:
                break;
        }

        return true;
    }

    /// <summary>The item of a list-type map's old list with the same key values.</summary>
    private static JsonNode? Correlate(JsonNode? item, JsonArray old, IReadOnlyList<string> keys) =>
        item is JsonObject current
            ? old.FirstOrDefault(o => o is JsonObject candidate && keys.All(k => JsonKinds.DeepEquals(candidate[k], current[k]) && candidate.ContainsKey(k) == current.ContainsKey(k)))
            : null;

    private static bool Rules(JsonNode node, JsonNode? old, StructuralSchema schema, string path, Run run)
    {
        var (cost, causes) = (run.Cost, run.Causes);
        var field = path.Length == 0 ? SchemaErrors.NilPath : path;
        if (cost.Exhausted)
        {
            causes.Add(Invalid(field, schema.Type, "validation failed due to running out of cost budget, no further validation rules will be run"));
            return false;
        }

        Dictionary<string, object?>? activation = null;
        foreach (var rule in schema.XValidations)
        {
            var compiled = CelCompiler.Compile(rule);
            if (compiled.Error is not null)
            {
                causes.Add(Invalid(field, schema.Type, "rule compile error: " + compiled.Error));
                continue;
            }

            if (compiled.UsesOldSelf && old is null)
            {
                continue;
            }

            activation ??= new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["self"] = CelValues.From(node, schema, cost),
                ["oldSelf"] = old is null ? null : CelValues.From(old, schema, cost),
            };
            object? result;
            try
            {
                cost.StartCall();
                result = compiled.Program!.Invoke(activation);
            }
            catch (CelCostExceededException e)
            {
                causes.Add(Invalid(field, schema.Type, $"'{e.Message}': no further validation rules will be run due to call cost exceeds limit for rule: {ErrorString(rule)}"));
                return false;
            }
            catch (Exception e) when (e is CelException or InvalidOperationException or OverflowException or ArgumentException or InvalidCastException)
            {
                causes.Add(Invalid(field, schema.Type, RuntimeError(e, rule)));
                continue;
            }

            if (result is true)
            {
                continue;
            }

            var at = rule.FieldPath is { Length: > 0 } fieldPath ? Child(path, fieldPath) : field;
            var detail = compiled.MessageExpression is { } messageExpression ? Message(messageExpression, activation, cost) : null;
            var error = ForReason(at, schema.Type, detail ?? MessageOrDefault(rule), rule.Reason);
            if (!compiled.UsesOldSelf && old is not null && JsonKinds.DeepEquals(node, old))
            {
                run.Warnings?.Add($"{error.Field}: {error.Message}");
            }
            else
            {
                causes.Add(error);
            }
        }

        return true;
    }

    /// <summary>The messageExpression's text, or null when it fails (upstream then falls back to the message).</summary>
    private static string? Message(CelProgramDelegate expression, Dictionary<string, object?> activation, CelCost cost)
    {
        try
        {
            cost.StartCall();
            return expression.Invoke(activation) is string text
                && text.Trim() is { Length: > 0 and <= MaxMessageExpressionBytes } trimmed
                && !trimmed.Contains('\n', StringComparison.Ordinal)
                ? trimmed
                : null;
        }
        catch (Exception e) when (e is CelException or InvalidOperationException or OverflowException or ArgumentException or InvalidCastException or CelCostExceededException)
        {
            return null;
        }
    }

    private static string RuntimeError(Exception e, ValidationRule rule)
    {
        var message = e switch
        {
            CelNoSuchOverloadException => "no such overload",
            InvalidOperationException { Message: "no such overload" } => "no such overload",
            CelNoSuchFieldException => "no such key: " + QuotedName(e.Message),
            CelDivideByZeroException => "division by zero",
            CelModulusByZeroException => "modulus by zero",
            CelOverflowException or OverflowException => "integer overflow",
            CelArgumentRangeException => "index out of bounds",
            _ => e.Message.Split('\n')[0],
        };
        return message == "no such overload"
            ? $"'{message}': call arguments did not match a supported operator, function or macro signature for rule: {ErrorString(rule)}"
            : $"{message} evaluating rule: {ErrorString(rule)}";
    }

    /// <summary>The first single-quoted name in a library message ("… field 'foo' …" gives foo).</summary>
    private static string QuotedName(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? message[(start + 1)..end] : message;
    }

    private static string MessageOrDefault(ValidationRule rule) =>
        rule.Message.Length == 0 ? "failed rule: " + ErrorString(rule) : rule.Message.Trim();

    private static string ErrorString(ValidationRule rule) => rule.Message.Length > 0 ? rule.Message.Trim() : rule.Rule.Trim();

    private static StatusCause Invalid(string field, string type, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {GoText.Quote(type)}: {detail}", field);

    /// <summary>fieldErrorForReason: Forbidden, Required and Duplicate by the rule's reason, otherwise Invalid.</summary>
    private static StatusCause ForReason(string field, string type, string detail, string? reason) => reason switch
    {
        "FieldValueForbidden" => new("FieldValueForbidden", $"Forbidden: {detail}", field),
        "FieldValueRequired" => new("FieldValueRequired", $"Required value: {detail}", field),
        "FieldValueDuplicate" => new("FieldValueDuplicate", $"Duplicate value: {GoText.Quote(type)}", field),
        _ => Invalid(field, type, detail),
    };

    /// <summary>The rule's fieldPath (".spec.x" or "['a.b']") appended to the rule's own path.</summary>
    private static string Child(string path, string fieldPath)
    {
        var relative = CelFieldPath.Normalize(fieldPath);
        return path.Length == 0 ? relative : path + "." + relative;
    }
}
