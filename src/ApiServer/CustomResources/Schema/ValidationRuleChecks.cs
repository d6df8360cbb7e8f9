using Orchestrator.ApiServer.CustomResources.Schema.Cel;

namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// The <c>x-kubernetes-validations</c> part of ValidateCustomResourceDefinitionOpenAPISchema: rule, message,
/// messageExpression, reason and fieldPath well formed (schema errors), then each rule compiled (CEL errors,
/// reported only when the schema has no schema errors), <c>oldSelf</c> only where values correlate, and
/// <c>optionalOldSelf</c> only on transition rules.
/// </summary>
internal static class ValidationRuleChecks
{
    private static readonly string[] Reasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"];

    public static void Check(StructuralSchema s, string path, string? uncorrelatable, List<StatusCause> errors, List<StatusCause> cel)
    {
        for (var i = 0; i < s.XValidations.Count; i++)
        {
            var rule = s.XValidations[i];
            var at = $"{path}.x-kubernetes-validations[{i.ToString(CultureInfo.InvariantCulture)}]";
            var message = rule.Message.Trim();
            if (rule.Rule.Trim().Length == 0)
            {
                errors.Add(FieldErrors.Required(at + ".rule", "rule is not specified"));
            }
            else if (rule.Message.Length > 0 && message.Length == 0)
            {
                errors.Add(FieldErrors.InvalidText(at + ".message", rule.Message, "message must be non-empty if specified"));
            }
            else if (HasNewlines(message))
            {
                errors.Add(FieldErrors.InvalidText(at + ".message", rule.Message, "message must not contain line breaks"));
            }
            else if (HasNewlines(rule.Rule.Trim()) && message.Length == 0)
            {
                errors.Add(FieldErrors.Required(at + ".message", "message must be specified if rule contains line breaks"));
            }

            if (rule.MessageExpression is { Length: > 0 } expression && expression.Trim().Length == 0)
            {
                errors.Add(FieldErrors.Required(at + ".messageExpression", "messageExpression must be non-empty if specified"));
            }

            if (rule.Reason is { } reason && !Reasons.Contains(reason))
            {
                errors.Add(FieldErrors.NotSupported(at + ".reason", reason, Reasons));
            }

            if (rule.FieldPath is { Length: > 0 } fieldPath)
            {
                if (fieldPath.Trim().Length == 0)
                {
                    errors.Add(FieldErrors.InvalidText(at + ".fieldPath", fieldPath, "fieldPath must be non-empty if specified"));
                }

                if (HasNewlines(fieldPath))
                {
                    errors.Add(FieldErrors.InvalidText(at + ".fieldPath", fieldPath, "fieldPath must not contain line breaks"));
                }

                if (CelFieldPath.Resolve(fieldPath, s).Error is not null)
                {
                    errors.Add(FieldErrors.InvalidText(at + ".fieldPath", fieldPath, "fieldPath must be a valid path"));
                }
            }

            if (rule.Rule.Trim().Length == 0)
            {
                continue;
            }

            var compiled = CelCompiler.Compile(rule);
            if (compiled.Error is not null)
            {
                var target = compiled.Error.StartsWith("messageExpression ", StringComparison.Ordinal) ? ".messageExpression" : ".rule";
                cel.Add(FieldErrors.Invalid(at + target, RuleValue(rule), compiled.Error.Replace("messageExpression ", "", StringComparison.Ordinal)));
            }
            else if (compiled.UsesOldSelf && uncorrelatable is not null)
            {
                cel.Add(FieldErrors.InvalidText(at + ".rule", rule.Rule, "oldSelf cannot be used on the uncorrelatable portion of the schema within " + uncorrelatable));
            }
            else if (!compiled.UsesOldSelf && rule.OptionalOldSelf)
            {
                cel.Add(FieldErrors.Invalid(at + ".optionalOldSelf", "true", "may not be set if oldSelf is not used in rule"));
            }
        }
    }

    /// <summary>The rule as Go's %#v prints apiextensions.ValidationRule.</summary>
    private static string RuleValue(ValidationRule rule) =>
        $"apiextensions.ValidationRule{{Rule:{GoText.Quote(rule.Rule)}, Message:{GoText.Quote(rule.Message)}, MessageExpression:{GoText.Quote(rule.MessageExpression ?? "")}, "
        + $"Reason:{(rule.Reason is null ? "(*apiextensions.FieldValueErrorReason)(nil)" : "&" + GoText.Quote(rule.Reason))}, FieldPath:{GoText.Quote(rule.FieldPath ?? "")}, "
        + $"OptionalOldSelf:{(rule.OptionalOldSelf ? "&true" : "(*bool)(nil)")}}}";

    private static bool HasNewlines(string text) => text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal);
}
