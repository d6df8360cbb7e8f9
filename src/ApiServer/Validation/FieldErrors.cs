namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's field.Error kinds as Status causes, with the same reasons and wording.</summary>
internal static class FieldErrors
{
    public static StatusCause Required(string field, string detail = "") =>
        new("FieldValueRequired", detail.Length == 0 ? "Required value" : $"Required value: {detail}", field);

    /// <summary>An invalid value; <paramref name="value"/> is already in Go's %#v form (quoted string, number, map).</summary>
    public static StatusCause Invalid(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {value}: {detail}", field);

    public static StatusCause InvalidText(string field, string value, string detail) => Invalid(field, GoText.Quote(value), detail);

    /// <summary>
    /// One <see cref="InvalidText"/> cause per problem, in order. Every write runs this for its names and labels, nearly
    /// always with no problem: a list is walked by index, so nothing is allocated then (a LINQ projection allocated a
    /// delegate and an iterator per call).
    /// </summary>
    public static void AddInvalid(List<StatusCause> causes, string field, string value, IEnumerable<string> problems)
    {
        if (problems is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                causes.Add(InvalidText(field, value, list[i]));
            }

            return;
        }

        foreach (var problem in problems)
        {
            causes.Add(InvalidText(field, value, problem));
        }
    }

    public static StatusCause NotSupported(string field, string value, params string[] supported) =>
        new("FieldValueNotSupported", $"Unsupported value: {GoText.Quote(value)}: supported values: {string.Join(", ", supported.Select(GoText.Quote))}", field);

    public static StatusCause Forbidden(string field, string detail) =>
        new("FieldValueForbidden", $"Forbidden: {detail}", field);

    /// <summary>field.TooLong: the value is left out of the message, the limit is in bytes.</summary>
    public static StatusCause TooLong(string field, int maxBytes) =>
        new("FieldValueTooLong", $"Too long: may not be more than {maxBytes} {(maxBytes == 1 ? "byte" : "bytes")}", field);

    public static StatusCause NotFound(string field, string value) =>
        new("FieldValueNotFound", $"Not found: {GoText.Quote(value)}", field);

    /// <summary>An invalid integer value, printed as Go's %v prints it.</summary>
    public static StatusCause InvalidNumber(string field, long value, string detail) =>
        Invalid(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), detail);

    public static StatusCause Duplicate(string field, string value) =>
        new("FieldValueDuplicate", $"Duplicate value: {GoText.Quote(value)}", field);

    /// <summary>A string map in Go's %#v form: <c>map[string]string{"a":"b", "c":"d"}</c>, keys sorted.</summary>
    public static string GoMap(IReadOnlyDictionary<string, string>? map) =>
        map is null
            ? "map[string]string(nil)"
            : $"map[string]string{{{string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{GoText.Quote(p.Key)}:{GoText.Quote(p.Value)}"))}}}";
}
