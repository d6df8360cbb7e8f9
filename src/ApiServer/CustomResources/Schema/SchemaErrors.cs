namespace Orchestrator.ApiServer.CustomResources.Schema;

/// <summary>
/// The causes upstream's kubeOpenAPIResultToFieldErrors makes of kube-openapi's validation errors:
/// the field is the error's name ("spec.replicas"), the message kube-openapi's text ("… in body …").
/// </summary>
internal static class SchemaErrors
{
    /// <summary>A field path that upstream prints for a nil *field.Path.</summary>
    public const string NilPath = "<nil>";

    public static StatusCause Required(string field) => new("FieldValueRequired", "Required value", Field(field));

    /// <summary>field.TypeInvalid with kube-openapi's "must be of type" text.</summary>
    public static StatusCause TypeInvalid(string field, string actual, string expected) =>
        new("FieldValueTypeInvalid", $"Invalid value: {GoText.Quote(actual)}: {field} in body must be of type {expected}: {GoText.Quote(actual)}", Field(field));

    /// <summary>field.Invalid(path, value, "&lt;path&gt; in body &lt;detail&gt;").</summary>
    public static StatusCause Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {GoValue.Format(value)}: {field} in body {detail}", Field(field));

    public static StatusCause InvalidCount(string field, long count, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {count.ToString(CultureInfo.InvariantCulture)}: {field} in body {detail}", Field(field));

    /// <summary>field.NotSupported: the bad value as %v/%q, the allowed values each quoted.</summary>
    public static StatusCause NotSupported(string field, JsonNode? value, IEnumerable<JsonNode?> allowed) =>
        new("FieldValueNotSupported",
            $"Unsupported value: {GoValue.Format(value)}: supported values: {string.Join(", ", allowed.Select(a => GoText.Quote(JsonKinds.IsString(a, out var s) ? s : GoValue.Json(a))))}",
            Field(field));

    /// <summary>field.TooMany: "must have at most N items" (upstream says items for properties too).</summary>
    public static StatusCause TooMany(string field, long actual, long max) =>
        new("FieldValueTooMany", $"Too many: {actual.ToString(CultureInfo.InvariantCulture)}: must have at most {max.ToString(CultureInfo.InvariantCulture)} {(max == 1 ? "item" : "items")}", Field(field));

    /// <summary>field.TooLong: the value is left out, the limit is printed in bytes though it counts characters.</summary>
    public static StatusCause TooLong(string field, long max) =>
        new("FieldValueTooLong", $"Too long: may not be more than {max.ToString(CultureInfo.InvariantCulture)} {(max == 1 ? "byte" : "bytes")}", Field(field));

    public static StatusCause Duplicate(string field, JsonNode? value) =>
        new("FieldValueDuplicate", $"Duplicate value: {GoValue.Format(value)}", Field(field));

    /// <summary>
    /// kube-openapi's composite errors (anyOf/oneOf/allOf/not) are no *Validation, so upstream reports them
    /// as field.Invalid(nil, "", message): the field prints as &lt;nil&gt;.
    /// </summary>
    public static StatusCause Composite(string message) =>
        new("FieldValueInvalid", $"Invalid value: \"\": {message}", NilPath);

    private static string Field(string field) => field.Length == 0 ? NilPath : field;
}
