using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Validation;

/// <summary>References to an object by kind and name (upstream's TypedLocalObjectReference and CrossVersionObjectReference checks).</summary>
internal static class ReferenceValidation
{
    /// <summary>Kind and name are required, and each must be a path segment (upstream's ValidatePathSegmentName).</summary>
    public static void KindAndName(JsonObject? reference, string path, List<StatusCause> causes)
    {
        foreach (var field in new[] { "kind", "name" })
        {
            var value = reference.String(field);
            if (value.Length == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.{field}"));
            }
            else
            {
                FieldErrors.AddInvalid(causes, $"{path}.{field}", value, NameValidation.PathSegment(value, prefix: false));
            }
        }
    }
}
