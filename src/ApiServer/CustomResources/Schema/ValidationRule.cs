namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>One <c>x-kubernetes-validations</c> entry: a CEL rule and how its failure is reported.</summary>
internal sealed record ValidationRule(
    string Rule,
    string Message,
    string? MessageExpression,
    string? Reason,
    string? FieldPath,
    bool OptionalOldSelf);
