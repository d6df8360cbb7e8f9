namespace Orchestrator.ApiMachinery.Fields;

/// <summary>One term of a field selector: <c>field=value</c> (or <c>==</c>) when <see cref="Equal"/>, else <c>field!=value</c>.</summary>
public sealed record FieldRequirement(string Field, bool Equal, string Value)
{
    /// <summary>Whether the term holds for the field's value; an absent field reads as "".</summary>
    public bool Matches(string? fieldValue) => string.Equals(fieldValue ?? "", Value, StringComparison.Ordinal) == Equal;

    /// <summary>The term as upstream prints it, the value escaped.</summary>
    public override string ToString() => $"{Field}{(Equal ? "=" : "!=")}{FieldSelector.Escape(Value)}";
}
