namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's IsConfigMapKey for the keys of ConfigMap and Secret data.</summary>
internal static partial class ConfigKeyValidation
{
    private const int MaxLength = 253;

    /// <param name="maps">The data maps to check, e.g. <c>data</c> and <c>binaryData</c>.</param>
    public static void Validate(JsonObject body, IEnumerable<string> maps, List<StatusCause> causes)
    {
        foreach (var map in maps)
        {
            foreach (var (key, _) in body[map] as JsonObject ?? [])
            {
                FieldErrors.AddInvalid(causes, $"{map}[{key}]", key, Problems(key));
            }
        }
    }

    public static IReadOnlyList<string> Problems(string key)
    {
        var problems = new List<string>();
        if (key.Length > MaxLength)
        {
            problems.Add($"must be no more than {MaxLength} characters");
        }

        if (!ConfigKey().IsMatch(key))
        {
            problems.Add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        }

        if (key == ".")
        {
            problems.Add("must not be '.'");
        }
        else if (key == "..")
        {
            problems.Add("must not be '..'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            problems.Add("must not start with '..'");
        }

        return problems;
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+\\z")]
    private static partial Regex ConfigKey();
}
